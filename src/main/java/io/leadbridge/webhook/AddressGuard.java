package io.leadbridge.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses webhook addresses that would let an admin reach the server's own network (SSRF): the host is resolved and
 * every address it resolves to must be a public one — not loopback, any-local ({@code 0.0.0.0/8}, {@code ::}),
 * link-local (with the cloud metadata address {@code 169.254.169.254}), private ({@code 10/8}, {@code 172.16/12},
 * {@code 192.168/16}, IPv6 site-local), carrier-grade NAT ({@code 100.64/10}), IPv6 unique-local ({@code fc00::/7}),
 * multicast or broadcast — nor a metadata host name. The operator may allow hosts or networks anyway
 * ({@code leadbridge.webhooks.allowed-hosts}: host names, addresses or CIDRs; e.g. a CRM on the internal network, or
 * the tests' loopback receiver).
 *
 * <p>Checked at registration, and at every attempt by the HTTP client itself: the sender's client resolves host names
 * only through {@link #resolve(String)}, which answers exactly the addresses it checked, so the connection goes to an
 * address this guard let through. A DNS answer that changes between a check and the connection (DNS rebinding) cannot
 * lead anywhere else (ADR 0012).
 */
@Component
class AddressGuard {

    /** Host names of cloud metadata services, refused whatever they resolve to. */
    static final Set<String> METADATA_HOSTS = Set.of(
            "metadata",
            "metadata.google.internal",
            "metadata.goog",
            "instance-data",
            "instance-data.ec2.internal",
            "metadata.azure.internal");

    /** Why an address is refused: the message key shown to the admin or in the delivery log. */
    enum Refusal {
        UNRESOLVABLE("webhooks.refused.unresolvable"),
        PRIVATE("webhooks.refused.private"),
        METADATA("webhooks.refused.metadata");

        final String messageKey;

        Refusal(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    private final List<String> allowedNames = new ArrayList<>();
    private final List<Cidr> allowedNetworks = new ArrayList<>();

    /** Looks a host name up: all its addresses. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** A host the guard refuses to connect to, thrown from {@link #resolve(String)}; carries why. */
    static final class Refused extends UnknownHostException {

        final transient Refusal refusal;

        Refused(String host, Refusal refusal) {
            super(host + ": " + refusal.name().toLowerCase(Locale.ROOT));
            this.refusal = refusal;
        }
    }

    private final Lookup lookup;

    @Autowired
    AddressGuard(@Value("${leadbridge.webhooks.allowed-hosts:}") List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    AddressGuard(List<String> allowedHosts, Lookup lookup) {
        this.lookup = lookup;
        for (String entry : allowedHosts) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Cidr cidr = Cidr.parse(e);
            if (cidr != null) {
                allowedNetworks.add(cidr);
            } else {
                allowedNames.add(e);
            }
        }
    }

    /** Null when the URL's host may be called, else why not. Resolves the host (a DNS look-up). */
    Refusal check(URI url) {
        String host = url.getHost();
        if (host == null) {
            return Refusal.UNRESOLVABLE;
        }
        if (allowedNames.contains(normalized(host))) {
            return null; // the operator's word; resolved when a delivery connects
        }
        try {
            resolve(host);
            return null;
        } catch (Refused e) {
            return e.refusal;
        } catch (UnknownHostException e) {
            return Refusal.UNRESOLVABLE;
        }
    }

    /**
     * The addresses to connect to for a host: all of them checked, or {@link Refused} when the host is a metadata
     * name, does not resolve, or any of its addresses is not public (and not allowed). The HTTP client connects only to
     * what this answers.
     */
    InetAddress[] resolve(String name) throws Refused {
        String host = normalized(name);
        boolean allowedName = allowedNames.contains(host);
        if (!allowedName && METADATA_HOSTS.contains(host)) {
            throw new Refused(name, Refusal.METADATA);
        }
        InetAddress[] addresses;
        try {
            addresses = lookup.addresses(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused(name, Refusal.UNRESOLVABLE);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused(name, Refusal.UNRESOLVABLE);
        }
        if (allowedName) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (!allowed(address) && !isPublic(address)) {
                throw new Refused(name, Refusal.PRIVATE);
            }
        }
        return addresses;
    }

    private static String normalized(String name) {
        String host = name.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    private boolean allowed(InetAddress address) {
        return allowedNetworks.stream().anyMatch(n -> n.contains(address));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && (second & 0xc0) == 64) // carrier-grade NAT 100.64/10
                    && !(first == 169 && second == 254) // link-local, metadata
                    && !(first == 198 && (second & 0xfe) == 18) // benchmarking 198.18/15
                    && !(first >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique-local fc00::/7
                return false;
            }
            if (isMappedOrCompatibleIpv4(b)) { // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isMappedOrCompatibleIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    /** A network in CIDR notation, or a single address. */
    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String address = text;
            int prefix = -1;
            int slash = text.indexOf('/');
            if (slash >= 0) {
                address = text.substring(0, slash);
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (!looksLikeAddress(address)) {
                return null;
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS look-up
                int max = bytes.length * 8;
                return new Cidr(bytes, prefix < 0 || prefix > max ? max : prefix);
            } catch (UnknownHostException e) {
                return null;
            }
        }

        private static boolean looksLikeAddress(String text) {
            return text.contains(":") || text.matches("[0-9.]+");
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
