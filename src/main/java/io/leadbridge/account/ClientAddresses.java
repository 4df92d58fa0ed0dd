package io.leadbridge.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** A client's address as the throttles count it. */
final class ClientAddresses {

    private ClientAddresses() {}

    /**
     * An IPv4 address as it is; an IPv6 address by its /64 network, the smallest block one subscriber gets (counting
     * each of its 2^64 addresses on its own would give one client endless attempts).
     */
    static String subject(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address == null ? "" : address;
        }
        try {
            byte[] bytes = InetAddress.getByName(
                            address.startsWith("[") ? address.substring(1, address.length() - 1) : address)
                    .getAddress(); // a literal: no name is looked up
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address;
        } catch (UnknownHostException | RuntimeException notAnAddress) {
            return address;
        }
    }
}
