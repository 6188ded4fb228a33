package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.PayloadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RawRequestsTests {

    @Test
    void refusesBodiesOverTheLimitBeforeReadingThem() {
        var request = new MockHttpServletRequest("POST", "/api/tickets/inbound-email") {
            @Override
            public long getContentLengthLong() {
                return 26_214_401;
            }

            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
                throw new AssertionError("the body must not be read");
            }
        };

        assertThatThrownBy(() -> RawRequests.body(request, 25L * 1024 * 1024))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void refusesBodiesThatTurnOutLargerThanDeclared() {
        var request = new MockHttpServletRequest("POST", "/api/tickets/inbound-email");
        request.setContent(new byte[101]);
        request.removeHeader("Content-Length");

        assertThatThrownBy(() -> RawRequests.body(request, 100)).isInstanceOf(PayloadTooLargeException.class);
    }

    @Test
    void returnsTheExactBytes() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/tickets/inbound-email");
        request.setContent(new byte[] {1, 2, (byte) 0xff});

        assertThat(RawRequests.body(request, 100)).containsExactly(1, 2, 0xff);
    }

    @Test
    void refusesABodyCutShortOfItsContentLengthInsteadOfTakingItForTheWholeMail() {
        var cut = new ByteArrayInputStream(new byte[10]);

        assertThatThrownBy(() -> RawRequests.readAll(cut, 20)).isInstanceOf(EOFException.class);
    }

    @Test
    void readsABodyOfUnknownLengthToItsEnd() throws Exception {
        assertThat(RawRequests.readAll(new ByteArrayInputStream(new byte[] {4, 5}), -1))
                .containsExactly(4, 5);
    }

    @Test
    void stopsABodyThatIsStillArrivingAfterTheReadTimeout() throws Exception {
        InputStream trickle = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return 'x';
            }
        };
        InputStream limited = RawRequests.limited(trickle, 1_000_000, Duration.ofMillis(200));
        long started = System.nanoTime();

        assertThatThrownBy(() -> {
                    while (limited.read() >= 0) {
                        // a slow loris: one byte at a time, for ever
                    }
                })
                .isInstanceOf(RawRequests.TooSlowException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void stopsAStreamAtTheSizeLimit() {
        InputStream limited = RawRequests.limited(new ByteArrayInputStream(new byte[101]), 100, null);

        assertThatThrownBy(limited::readAllBytes).isInstanceOf(PayloadTooLargeException.class);
    }
}
