package io.postdesk.portal;

import io.postdesk.settings.BrandingSettings;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The brand (name, colour) on every portal and contact-form page. */
@ControllerAdvice(basePackageClasses = PortalAdvice.class)
class PortalAdvice {

    private final BrandingSettings branding;

    PortalAdvice(BrandingSettings branding) {
        this.branding = branding;
    }

    @ModelAttribute("brand")
    BrandingSettings.Branding brand() {
        return branding.current();
    }
}
