package io.postdesk.mail.inbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.shared.PayloadTooLargeException;
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
}
