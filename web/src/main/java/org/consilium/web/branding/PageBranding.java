package org.consilium.web.branding;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.consilium.application.admin.BrandingInForce;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.HospitalName;
import org.consilium.domain.branding.LogoImage;

/**
 * What the header of every page of the common template (WEB-INF/templates/page.xhtml) shows of
 * the hospital: its logo and name, and whether the colours' stylesheet is to be linked. With
 * nothing set the header is Consilium's own, unchanged.
 */
@Named("branding")
@RequestScoped
public class PageBranding {

    @Inject
    BrandingInForce inForce;

    /**
     * Asked afresh each time (BrandingInForce keeps it for seconds anyway): Faces evaluates the
     * header's conditions before a console form's action too, and the page that action renders
     * must show the branding it saved.
     */
    private Branding branding() {
        return inForce.current();
    }

    /** A name or a logo is set: the header shows them (else "Consilium" alone, as without branding). */
    public boolean isBranded() {
        return branding().name().isPresent() || branding().logo().isPresent();
    }

    public boolean isNamed() {
        return branding().name().isPresent();
    }

    /** The name as plain text (the page escapes it). */
    public String getHospitalName() {
        return branding().name().map(HospitalName::value).orElse("");
    }

    public boolean isLogo() {
        return branding().logo().isPresent();
    }

    /** The logo's address below the context path; the query names its version, so a new logo is a new address. */
    public String getLogoPath() {
        return "/branding/logo?v=" + branding().logo().map(logo -> logo.sha256().substring(0, 16)).orElse("");
    }

    public int getLogoWidth() {
        return branding().logo().map(LogoImage::width).orElse(0);
    }

    public int getLogoHeight() {
        return branding().logo().map(LogoImage::height).orElse(0);
    }

    /** The logo's text alternative: whose logo it is. */
    public String getLogoAlt() {
        return branding().name().map(name -> "Logo of " + name.value()).orElse("Logo of the hospital");
    }

    /** An accent colour is set: the colours' stylesheet is linked after consilium.css. */
    public boolean isColoured() {
        return branding().accent().isPresent();
    }

    /** The stylesheet's address below the context path, versioned as the logo's is. */
    public String getStylesheetPath() {
        return "/branding/colours.css?v=" + BrandingStylesheet.of(branding().accent()).etag().substring(1, 17);
    }
}
