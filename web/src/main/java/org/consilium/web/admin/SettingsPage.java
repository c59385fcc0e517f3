package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.ApplianceSettingsInForce;
import org.consilium.application.admin.CertificateExpiry;
import org.consilium.application.admin.OperatingSystemSettings;
import org.consilium.application.admin.ServerCertificate;
import org.consilium.application.admin.SettingsAdministration;
import org.consilium.domain.admin.ApplianceSettings;

/**
 * The Settings page (administrators only, web.xml): SIEM target, NTP servers, session idle
 * timeout and TLS certificate expiry warning. Values are typed as text and checked here and
 * in the use case, so each problem is a sentence next to its field.
 */
@Named("settingsPage")
@RequestScoped
public class SettingsPage extends ConsoleForm {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Inject
    SettingsAdministration settings;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    @Inject
    CertificateExpiry expiry;

    private SettingsAdministration.View view;
    private boolean loaded;
    private String siemHost;
    private String siemPort;
    private String ntpServers;
    private String idleMinutes;
    private String warningDays;

    public SettingsAdministration.View getView() {
        if (view == null) {
            view = settings.view();
        }
        return view;
    }

    private void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        SettingsAdministration.View shown = getView();
        siemHost = shown.siem().map(ApplianceSettingsInForce.SiemTarget::host).orElse("");
        siemPort = Integer.toString(shown.siemPort());
        ntpServers = String.join(", ", shown.ntpServers());
        idleMinutes = Long.toString(Math.max(1, shown.sessionIdleTimeout().toMinutes()));
        warningDays = Integer.toString(shown.tlsExpiryWarningDays());
    }

    public String save() {
        errors.clear();
        Long port = WholeNumber.parse(errors, ApplianceSettings.SIEM_PORT, siemPort, "port", "6514");
        Long minutes = WholeNumber.parse(errors, ApplianceSettings.SESSION_IDLE_TIMEOUT, idleMinutes, "minutes", "15");
        Long days = WholeNumber.parse(errors, ApplianceSettings.TLS_EXPIRY_WARNING, warningDays, "days", "30");
        List<String> ntp = ApplianceSettings.hostList(ntpServers);
        String host = siemHost == null ? "" : siemHost.strip();
        errors.putAll(ApplianceSettings.problems(host, port == null ? 6514 : port, ntp, minutes == null ? 1 : minutes,
                days == null ? 1 : days));
        if (!errors.isEmpty()) {
            return null;
        }
        // A timeout left as shown stays as it is, even when it is not a whole number of minutes.
        Duration idle = minutes == Math.max(1, getView().sessionIdleTimeout().toMinutes()) ? null
                : Duration.ofMinutes(minutes);
        SettingsAdministration.Change change = settings.change(ConsoleCaller.of(currentStaff, request), host, port, ntp,
                idle, days);
        switch (change.outcome()) {
            case DONE -> {
                done = change.changed().isEmpty() ? "Nothing was changed: these are the settings in force."
                        : "Saved: " + String.join(", ", change.changed()) + "."
                                + (change.askedAppliance() ? " The appliance was asked to apply the NTP and SIEM "
                                + "settings to the operating system; its answer is shown below." : "");
                view = null;
                loaded = false;
                load();
            }
            case INVALID -> errors.putAll(change.problems());
            case REFUSED_ROLE -> done = "Only administrators change settings.";
        }
        return null;
    }

    /** Days until the certificate expires (negative: expired). */
    public long getCertificateDaysLeft() {
        return getView().certificate().map(c -> expiry.of(c).daysLeft()).orElse(0L);
    }

    public boolean isCertificateWarning() {
        return getView().certificate().map(c -> expiry.of(c).warn()).orElse(false);
    }

    public String getCertificateExpiry() {
        return getView().certificate().map(c -> DAY.format(c.notAfter().atZone(ZoneId.of("UTC")))).orElse("");
    }

    /** The appliance's answer to the last request, in one sentence. */
    public String getApplianceStatus() {
        OperatingSystemSettings.Status status = getView().operatingSystem();
        if (status.lastRequest().isEmpty()) {
            return "No change of NTP or SIEM has been asked of the appliance from the console.";
        }
        if (!status.answered()) {
            return "Waiting for the appliance to apply the last change (request " + status.lastRequest().get()
                    + "). On the appliance this takes seconds; a development server has no appliance agent, so "
                    + "the operating system part is never applied there.";
        }
        OperatingSystemSettings.Answer answer = status.answer().get();
        String when = answer.at().map(at -> " at " + WHEN.format(at.atZone(ZoneId.systemDefault()))).orElse("");
        return switch (answer.result()) {
            case APPLIED -> "The appliance applied the last change" + when + ".";
            case REFUSED -> "The appliance refused the last change" + when + ": " + answer.message();
            case FAILED -> "The appliance could not apply the last change" + when + ": " + answer.message();
        };
    }

    public boolean isApplianceProblem() {
        OperatingSystemSettings.Status status = getView().operatingSystem();
        return status.answered() && status.answer().get().result() != OperatingSystemSettings.Answer.Result.APPLIED;
    }

    public String configuredSiem() {
        return getView().configured().siem().map(Object::toString).orElse("none");
    }

    public String configuredNtp() {
        List<String> ntp = getView().configured().ntpServers();
        return ntp.isEmpty() ? "none" : String.join(", ", ntp);
    }

    public ServerCertificate.Presented getCertificate() {
        return getView().certificate().orElse(null);
    }

    public String getSiemHost() {
        load();
        return siemHost;
    }

    public void setSiemHost(String siemHost) {
        load();
        this.siemHost = siemHost;
    }

    public String getSiemPort() {
        load();
        return siemPort;
    }

    public void setSiemPort(String siemPort) {
        load();
        this.siemPort = siemPort;
    }

    public String getNtpServers() {
        load();
        return ntpServers;
    }

    public void setNtpServers(String ntpServers) {
        load();
        this.ntpServers = ntpServers;
    }

    public String getIdleMinutes() {
        load();
        return idleMinutes;
    }

    public void setIdleMinutes(String idleMinutes) {
        load();
        this.idleMinutes = idleMinutes;
    }

    public String getWarningDays() {
        load();
        return warningDays;
    }

    public void setWarningDays(String warningDays) {
        load();
        this.warningDays = warningDays;
    }
}
