package io.leadbridge.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads of a received mail: its plain text and HTML parts, its subject and its headers. */
final class Mails {

    private Mails() {}

    static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the plain text to the given base address, as the path the application serves. */
    static String firstPath(MimeMessage message, String baseUrl, String startingWith) {
        Matcher link = Pattern.compile(Pattern.quote(baseUrl) + "(" + Pattern.quote(startingWith) + "\\S*)")
                .matcher(text(message));
        if (!link.find()) {
            throw new AssertionError("No link to " + baseUrl + startingWith + " in:\n" + text(message));
        }
        return link.group(1);
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
