package org.consilium.web.branding;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.consilium.application.admin.BrandingInForce;
import org.consilium.domain.branding.LogoImage;

/**
 * The hospital's logo, {@code /branding/logo}, to anyone (public in web.xml): the bytes
 * checked when uploaded, as PNG or JPEG with the type they were found to be (and nosniff, so
 * no browser takes them for anything else), the ETag their SHA-256. 404 when there is none.
 */
@WebServlet("/branding/logo")
public class BrandingLogoServlet extends HttpServlet {

    @Inject
    BrandingInForce branding;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<LogoImage> logo = branding.current().logo();
        if (logo.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (Revalidated.unchanged("\"" + logo.get().sha256() + "\"", request, response)) {
            return;
        }
        response.setContentType(logo.get().type().mediaType());
        response.setContentLength(logo.get().size());
        logo.get().writeTo(response.getOutputStream());
    }
}
