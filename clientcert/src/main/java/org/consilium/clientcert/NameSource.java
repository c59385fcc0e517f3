package org.consilium.clientcert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A place in a certificate where hospital PKIs put the holder's account name. */
public enum NameSource {

    /** The user principal name, subjectAltName otherName 1.3.6.1.4.1.311.20.2.3: what AD smart-card logon uses. */
    UPN,
    /** The subjectAltName e-mail address (rfc822Name). */
    EMAIL,
    /** The subject's most specific common name (CN). */
    CN;

    /** The default order: the UPN is the account by definition; e-mail and CN are conventions. */
    public static final String DEFAULT_ORDER = "upn,email,cn";

    /** Parses an order such as {@code "upn,email,cn"} (case and spaces ignored; at least one, no repeats). */
    public static List<NameSource> parseOrder(String text) {
        List<NameSource> order = new ArrayList<>();
        for (String word : (text == null ? "" : text).split(",")) {
            String name = word.strip();
            if (name.isEmpty()) {
                continue;
            }
            NameSource source;
            try {
                source = valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown certificate name source '" + name + "' (expected upn, email or cn)");
            }
            if (order.contains(source)) {
                throw new IllegalArgumentException("certificate name source '" + name + "' given twice");
            }
            order.add(source);
        }
        if (order.isEmpty()) {
            throw new IllegalArgumentException("no certificate name source given (expected some of upn, email, cn)");
        }
        return List.copyOf(order);
    }
}
