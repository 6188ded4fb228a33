package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** An admin edits a team member, deactivates and reactivates them in Settings, and cannot demote themselves. */
class StaffManagementBrowserIT extends BrowserTest {

    @Test
    void editsDeactivatesAndReactivatesATeamMember() {
        long ann = admin().post(
                        "/api/v1/staff",
                        "{\"name\": \"Ann\", \"email\": \"ann@postdesk.test\", \"role\": \"agent\","
                                + " \"password\": \"correct horse battery staple\"}")
                .id();
        long me = admin().get("/api/v1/staff/me").id();
        signInAsAdmin();
        open("/settings/team");

        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] summary"))
                .click();
        var name = waitFor(By.id("staff-name-" + ann));
        name.clear();
        name.sendKeys("Ann Lee");
        new Select(browser.findElement(By.id("staff-role-" + ann))).selectByValue("admin");
        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] form button[type=submit]"))
                .click();
        assertThat(waitFor(By.id("staff-saved")).getText()).isEqualTo("Saved.");
        assertThat(jdbc.sql("SELECT role FROM staff WHERE id = ?")
                        .param(ann)
                        .query(String.class)
                        .single())
                .isEqualTo("admin");
        assertAccessible();

        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] summary"))
                .click();
        waitFor(By.id("deactivate-" + ann)).click();
        browser.switchTo().alert().accept();
        waitUntil(d -> d.findElement(By.cssSelector("tr[data-staff='" + ann + "'] .staff-status"))
                .getText()
                .equals("Deactivated"));
        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] summary"))
                .click();
        waitFor(By.id("reactivate-" + ann)).click();
        waitUntil(d -> d.findElement(By.cssSelector("tr[data-staff='" + ann + "'] .staff-status"))
                .getText()
                .equals("Active"));

        // Ann is an admin again, so demote her back and then try to deactivate the last admin: refused, said why.
        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] summary"))
                .click();
        new Select(waitFor(By.id("staff-role-" + ann))).selectByValue("agent");
        browser.findElement(By.cssSelector("tr[data-staff='" + ann + "'] form button[type=submit]"))
                .click();
        // The previous notice is still shown until the swap: wait for the new table, not for any notice.
        waitUntil(d -> d.findElement(By.id("staff-saved")).getText().equals("Saved.")
                && d.findElement(By.cssSelector("tr[data-staff='" + ann + "'] td:nth-child(3)"))
                        .getText()
                        .equals("agent"));
        browser.findElement(By.cssSelector("tr[data-staff='" + me + "'] summary"))
                .click();
        waitFor(By.id("deactivate-" + me)).click();
        browser.switchTo().alert().accept();
        assertThat(waitFor(By.cssSelector("#staff .error")).getText()).contains("last active admin");
        assertAccessible();
        assertNoHorizontalOverflow();
    }
}
