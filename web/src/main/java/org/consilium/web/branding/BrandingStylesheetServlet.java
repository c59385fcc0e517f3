package org.consilium.web.branding;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.consilium.application.admin.BrandingInForce;

/** The hospital's colours, {@code /branding/colours.css}, to anyone (public in web.xml); see {@link BrandingStylesheet}. */
@WebServlet("/branding/colours.css")
public class BrandingStylesheetServlet extends HttpServlet {

    @Inject
    BrandingInForce branding;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BrandingStylesheet stylesheet = BrandingStylesheet.of(branding.current().accent());
        if (Revalidated.unchanged(stylesheet.etag(), request, response)) {
            return;
        }
        response.setContentType("text/css;charset=UTF-8");
        response.getWriter().write(stylesheet.css());
    }
}
