package org.consilium.domain.branding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hospital's branding: each part may be unset, and then the pages look as Consilium's do
 * (the name "Consilium" alone in the header, no logo, the accent {@link AccentColour#DEFAULT}).
 */
public record Branding(Optional<HospitalName> name, Optional<LogoImage> logo, Optional<AccentColour> accent) {

    /** Nothing set: Consilium's own look. */
    public static final Branding DEFAULTS = new Branding(Optional.empty(), Optional.empty(), Optional.empty());

    public Branding withName(Optional<HospitalName> name) {
        return new Branding(name, logo, accent);
    }

    public Branding withLogo(Optional<LogoImage> logo) {
        return new Branding(name, logo, accent);
    }

    public Branding withAccent(Optional<AccentColour> accent) {
        return new Branding(name, logo, accent);
    }

    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    /** The parts as audited: name → value, "default" when unset (the logo by type, size and digest, not its pixels). */
    public Map<String, String> audited() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("hospital-name", name.map(HospitalName::value).orElse("default"));
        parts.put("logo", logo.map(LogoImage::audited).orElse("default"));
        parts.put("accent-colour", accent.map(AccentColour::hex).orElse("default"));
        return parts;
    }
}
