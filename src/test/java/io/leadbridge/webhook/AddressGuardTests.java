package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF guard on addresses given as literals (no DNS needed), with and without the operator's allow-list. */
class AddressGuardTests {

    private final AddressGuard strict = new AddressGuard(List.of());

    @Test
    void refusesLoopbackPrivateLinkLocalCgnatUniqueLocalMulticastAndMetadata() {
        for (String url : List.of(
                "http://127.0.0.1/",
                "http://127.8.9.10/",
                "http://0.0.0.0/",
                "http://10.1.2.3/",
                "http://172.16.0.1/",
                "http://172.31.255.254/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://100.127.255.1/",
                "http://169.254.169.254/latest/meta-data/",
                "http://224.0.0.1/",
                "http://255.255.255.255/",
                "http://[::1]/",
                "http://[::]/",
                "http://[fe80::1]/",
                "http://[fd00:ec2::254]/",
                "http://[fc00::1]/",
                "http://[ff02::1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:10.0.0.1]/")) {
            assertThat(strict.check(URI.create(url))).as(url).isEqualTo(AddressGuard.Refusal.PRIVATE);
        }
        assertThat(strict.check(URI.create("http://metadata.google.internal/computeMetadata/v1/")))
                .isEqualTo(AddressGuard.Refusal.METADATA);
        assertThat(strict.check(URI.create("http://METADATA.google.internal./")))
                .isEqualTo(AddressGuard.Refusal.METADATA);
    }

    @Test
    void letsPublicAddressesThrough() {
        for (String url : List.of(
                "https://93.184.215.14/hooks",
                "https://172.32.0.1/",
                "https://100.128.0.1/",
                "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")) {
            assertThat(strict.check(URI.create(url))).as(url).isNull();
        }
    }

    @Test
    void theOperatorMayAllowHostsAndNetworks() {
        AddressGuard allowing = new AddressGuard(List.of("127.0.0.1", " 10.0.0.0/8", "crm.internal", "fd00::/8"));

        assertThat(allowing.check(URI.create("http://127.0.0.1:8080/"))).isNull();
        assertThat(allowing.check(URI.create("http://10.20.30.40/"))).isNull();
        assertThat(allowing.check(URI.create("http://[fd12::1]/"))).isNull();
        assertThat(allowing.check(URI.create("http://CRM.internal/"))).isNull();
        assertThat(allowing.check(URI.create("http://127.0.0.2/"))).isEqualTo(AddressGuard.Refusal.PRIVATE);
        assertThat(allowing.check(URI.create("http://192.168.1.1/"))).isEqualTo(AddressGuard.Refusal.PRIVATE);
        assertThat(allowing.check(URI.create("http://169.254.169.254/"))).isEqualTo(AddressGuard.Refusal.PRIVATE);
    }
}
