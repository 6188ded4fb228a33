package io.postdesk.mail.inbound.steps;

import io.postdesk.mail.inbound.InboundMail;
import io.postdesk.mail.inbound.InboundStep;
import io.postdesk.mail.inbound.SenderVerdict;
import io.postdesk.mail.inbound.Verdict;
import io.postdesk.mail.mime.AuthenticationResults;
import io.postdesk.mail.mime.MailAddress;
import io.postdesk.settings.SenderVerificationSettings;
import io.postdesk.settings.SenderVerificationSettings.SenderVerification;
import io.postdesk.shared.EmailAddress;
import io.postdesk.staff.StaffDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads what the receiving servers said about the From address (SPEC §2, step 3): {@code Authentication-Results}
 * headers whose authserv-id the admin trusts (every other one is ignored: anyone can write such a header) and the
 * verdict the channel itself reported (SendGrid's and Mailgun's fields). DMARC decides when present; else an SPF or
 * DKIM pass must be aligned with the From domain. The step never stops a mail: later steps read the verdict.
 */
@Component
public class VerifySender implements InboundStep {

    private static final List<String> SENDER_METHODS = List.of("dmarc", "dkim", "spf");

    private final SenderVerificationSettings settings;
    private final StaffDirectory staff;

    VerifySender(SenderVerificationSettings settings, StaffDirectory staff) {
        this.settings = settings;
        this.staff = staff;
    }

    @Override
    public Verdict apply(InboundMail mail) {
        if (!mail.hasSender()) {
            return new Verdict.Continue(mail, "no sender: not checked");
        }
        SenderVerification config = settings.current();
        EmailAddress from = from(mail);
        SenderVerdict verdict = verdict(mail, config, config.requireVerifiedStaff() && staff.isStaff(from));
        return new Verdict.Continue(mail.withSenderVerdict(verdict), verdict.wire() + ": " + verdict.detail());
    }

    /** The verdict on a parsed mail; {@code mustBeVerified} when its From is staff and the admin requires it. */
    static SenderVerdict verdict(InboundMail mail, SenderVerification config, boolean mustBeVerified) {
        return judge(trustedResults(mail, config), from(mail), mustBeVerified);
    }

    /** The header From is what DMARC protects and what readers see; the effective sender only when it has none. */
    private static EmailAddress from(InboundMail mail) {
        MailAddress from = mail.message().from();
        return from != null ? from.email() : mail.sender().email();
    }

    /** A trusted server's results with the server's name, for the trace. */
    record Trusted(String authservId, AuthenticationResults.Result result) {}

    private static List<Trusted> trustedResults(InboundMail mail, SenderVerification config) {
        List<Trusted> trusted = new ArrayList<>();
        List<String> headers = mail.message().headers().getOrDefault("authentication-results", List.of());
        for (String header : headers) {
            AuthenticationResults.parse(header)
                    .filter(parsed -> config.isTrusted(parsed.authservId()))
                    .ifPresent(parsed -> add(trusted, parsed));
        }
        // The channel's own report is not a header of the mail, so no sender can have written it.
        String channel = mail.delivery().channelVerdict();
        if (channel != null) {
            AuthenticationResults.parse(channel).ifPresent(parsed -> add(trusted, parsed));
        }
        return trusted;
    }

    private static void add(List<Trusted> trusted, AuthenticationResults parsed) {
        parsed.results().stream()
                .filter(r -> SENDER_METHODS.contains(r.method()))
                .forEach(r -> trusted.add(new Trusted(parsed.authservId(), r)));
    }

    /**
     * The verdict on results from trusted servers only. A DMARC fail anywhere wins over any pass (a forged header can
     * only add passes); a DMARC pass about this From domain verifies; else an aligned SPF or DKIM pass verifies, and
     * SPF/DKIM results without one make the mail unverified. With no result at all the verdict is unknown, unless
     * staff mail must be verified.
     */
    static SenderVerdict judge(List<Trusted> results, EmailAddress from, boolean mustBeVerified) {
        String domain = from.domain();
        List<Trusted> dmarc = results.stream()
                .filter(t -> t.result().method().equals("dmarc") && isAbout(t.result(), domain))
                .toList();
        Optional<Trusted> dmarcFail =
                dmarc.stream().filter(t -> t.result().isFail()).findFirst();
        if (dmarcFail.isPresent()) {
            return new SenderVerdict.Unverified(describe(dmarcFail.get()));
        }
        Optional<Trusted> dmarcPass =
                dmarc.stream().filter(t -> t.result().isPass()).findFirst();
        if (dmarcPass.isPresent()) {
            return new SenderVerdict.Verified(describe(dmarcPass.get()));
        }
        List<Trusted> spfAndDkim = results.stream()
                .filter(t -> !t.result().method().equals("dmarc"))
                .toList();
        Optional<Trusted> aligned = spfAndDkim.stream()
                .filter(t -> t.result().isPass() && isAligned(checkedDomain(t.result()), domain))
                .findFirst();
        if (aligned.isPresent()) {
            return new SenderVerdict.Verified(describe(aligned.get()));
        }
        if (!spfAndDkim.isEmpty()) {
            return new SenderVerdict.Unverified("no SPF or DKIM pass aligned with " + domain + ": "
                    + spfAndDkim.stream().map(VerifySender::describe).collect(Collectors.joining(", ")));
        }
        if (!results.isEmpty()) {
            return new SenderVerdict.Unverified("DMARC gave no pass for " + domain + ": "
                    + results.stream().map(VerifySender::describe).collect(Collectors.joining(", ")));
        }
        return mustBeVerified
                ? new SenderVerdict.Unverified("no verdict from a trusted server, and staff mail must be verified")
                : new SenderVerdict.Unknown("no verdict from a trusted server");
    }

    /** A DMARC result names the From domain it judged ({@code header.from}); one about another domain is not ours. */
    private static boolean isAbout(AuthenticationResults.Result dmarc, String domain) {
        String judged = dmarc.property("header.from");
        return judged == null || domainOf(judged).equals(domain);
    }

    /** The domain an SPF result checked ({@code smtp.mailfrom}) or a DKIM signature is from ({@code header.d/i}). */
    private static @Nullable String checkedDomain(AuthenticationResults.Result result) {
        String value = result.method().equals("spf")
                ? result.property("smtp.mailfrom")
                : firstNonNull(result.property("header.d"), result.property("header.i"));
        return value == null ? null : domainOf(value);
    }

    /**
     * Relaxed alignment, approximated without a public-suffix list: the same domain, or one a sub-domain of the other.
     * Sibling sub-domains count as unaligned, which only ever errs towards unverified.
     */
    static boolean isAligned(@Nullable String checked, String fromDomain) {
        if (checked == null || checked.isEmpty() || !checked.contains(".")) {
            return false;
        }
        return checked.equals(fromDomain) || fromDomain.endsWith("." + checked) || checked.endsWith("." + fromDomain);
    }

    private static String domainOf(String value) {
        String address = value.strip().replaceAll("^<|>$", "");
        int at = address.lastIndexOf('@');
        return (at >= 0 ? address.substring(at + 1) : address)
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\.$", "");
    }

    private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
        return a != null ? a : b;
    }

    private static String describe(Trusted trusted) {
        return trusted.result().describe() + " (" + trusted.authservId() + ")";
    }
}
