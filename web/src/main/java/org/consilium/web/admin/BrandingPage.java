package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.consilium.application.CurrentStaff;
import org.consilium.application.admin.BrandingAdministration;
import org.consilium.domain.branding.AccentColour;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.Contrast;
import org.consilium.domain.branding.HospitalName;
import org.consilium.domain.branding.LogoImage;

/**
 * The Branding page (administrators only, web.xml): the hospital's name, logo and accent
 * colour, each a form of its own, and "Restore defaults". What was typed or uploaded is
 * checked by the use case ({@link BrandingAdministration}); a refusal is a sentence next to
 * its field and changes nothing.
 */
@Named("brandingPage")
@RequestScoped
public class BrandingPage extends ConsoleForm {

    static final String NAME = "hospitalName";
    static final String LOGO = "logo";
    static final String ACCENT = "accent";

    @Inject
    BrandingAdministration branding;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private Branding inForce;
    private String hospitalName;
    private String accent;
    private Part logoFile;

    private Branding inForce() {
        if (inForce == null) {
            inForce = branding.current();
        }
        return inForce;
    }

    public String saveName() {
        String typed = hospitalName;
        apply(NAME, () -> branding.name(caller(), typed), () -> inForce().name()
                .map(name -> "Saved: every page's header shows “" + name.value() + "”.")
                .orElse("Saved: pages show no hospital name."));
        return null;
    }

    public String uploadLogo() throws IOException {
        byte[] uploaded;
        if (logoFile == null) {
            uploaded = new byte[0];
        } else {
            try (InputStream in = logoFile.getInputStream()) {
                uploaded = in.readAllBytes(); // at most the multipart limit of web.xml
            }
        }
        apply(LOGO, () -> branding.logo(caller(), uploaded), () -> inForce().logo()
                .map(logo -> "Saved: every page's header shows the logo (" + kind(logo) + ", " + logo.width() + " × "
                        + logo.height() + " pixels).").orElse(""));
        return null;
    }

    public String removeLogo() {
        apply(LOGO, () -> branding.removeLogo(caller()), () -> "The logo was removed: pages show none.");
        return null;
    }

    public String saveAccent() {
        String typed = accent;
        apply(ACCENT, () -> branding.accent(caller(), typed), () -> inForce().accent()
                .map(colour -> "Saved: " + colour.hex() + " is the accent colour (white text on it: "
                        + Contrast.spoken(colour.contrastWithWhite()) + ").")
                .orElse("Saved: pages use Consilium's own accent colour."));
        return null;
    }

    public String restoreDefaults() {
        apply(null, () -> branding.restoreDefaults(caller()),
                () -> "The defaults are restored: pages look as Consilium's own, without a hospital name or logo.");
        return null;
    }

    /** Runs a change; says what it did, or puts why not next to {@code field}. */
    private void apply(String field, Supplier<BrandingAdministration.Change> change, Supplier<String> saved) {
        errors.clear();
        BrandingAdministration.Change result = change.get();
        switch (result.outcome()) {
            case DONE -> {
                inForce = null;
                hospitalName = null;
                accent = null;
                done = result.changed().isEmpty() ? "Nothing was changed: this is the branding in force." : saved.get();
            }
            case INVALID -> errors.put(field, result.problem());
            case REFUSED_ROLE -> done = result.problem();
        }
    }

    private org.consilium.application.Caller caller() {
        return ConsoleCaller.of(currentStaff, request);
    }

    private static String kind(LogoImage logo) {
        return logo.type() == LogoImage.Type.PNG ? "PNG" : "JPEG";
    }

    public String getHospitalName() {
        return hospitalName != null ? hospitalName : inForce().name().map(HospitalName::value).orElse("");
    }

    public void setHospitalName(String hospitalName) {
        this.hospitalName = hospitalName;
    }

    public String getAccent() {
        return accent != null ? accent : inForce().accent().orElse(AccentColour.DEFAULT).hex();
    }

    public void setAccent(String accent) {
        this.accent = accent;
    }

    public Part getLogoFile() {
        return logoFile;
    }

    public void setLogoFile(Part logoFile) {
        this.logoFile = logoFile;
    }

    public int getNameMaxLength() {
        return HospitalName.MAX_LENGTH;
    }

    public int getLogoMaxKibibytes() {
        return LogoImage.MAX_BYTES / 1024;
    }

    public int getLogoMaxSide() {
        return LogoImage.MAX_SIDE;
    }

    public boolean isNameSet() {
        return inForce().name().isPresent();
    }

    public boolean isLogoSet() {
        return inForce().logo().isPresent();
    }

    /** The logo in force in words: "PNG, 120 × 40 pixels, 3.2 KiB". */
    public String getLogoDescription() {
        return inForce().logo().map(logo -> kind(logo) + ", " + logo.width() + " × " + logo.height() + " pixels, "
                + java.math.BigDecimal.valueOf(logo.size() / 1024.0).setScale(1, java.math.RoundingMode.UP)
                + " KiB").orElse("none");
    }

    public boolean isAccentSet() {
        return inForce().accent().isPresent();
    }

    /** The accent in force ("#0b5cad, Consilium's own" when none is set). */
    public String getAccentInForce() {
        return inForce().accent().map(AccentColour::hex).orElse(AccentColour.DEFAULT.hex() + ", Consilium's own");
    }

    public String getAccentContrast() {
        return Contrast.spoken(inForce().accent().orElse(AccentColour.DEFAULT).contrastWithWhite());
    }

    public boolean isDefaults() {
        return inForce().isDefault();
    }
}
