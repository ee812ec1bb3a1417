package dev.workbench.core.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.ServiceUnreachableException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetryBudgetTest {
    static final SdkClientException REFUSED = SdkClientException.builder()
            .message("Unable to execute HTTP request: Connect to 127.0.0.1:4566 failed: Connection refused")
            .cause(new ConnectException("Connection refused")).build();
    static final SdkClientException RESET = SdkClientException.builder().message("Unable to execute HTTP request")
            .cause(new SocketException("Connection reset")).build();
    static final RuntimeException THROTTLED = S3Exception.builder().statusCode(503).message("SlowDown").build();

    @Test
    void connectionFailuresAreRiddenOutForTheWindowThenEndInAClearError() throws Exception {
        RetryBudget budget = new RetryBudget(3, Duration.ofMillis(300));
        for (int i = 0; i < 10; i++) {
            assertTrue(budget.another(i % 2 == 0 ? REFUSED : RESET), "far more than 3 tries within the window");
        }
        Thread.sleep(350);
        assertFalse(budget.another(REFUSED), "the window has passed");
        RuntimeException error = budget.exhausted(REFUSED);
        assertInstanceOf(ServiceUnreachableException.class, error);
        assertTrue(error.getMessage().startsWith("the cloud could not be reached for 0.3 s"), error.getMessage());
        assertTrue(error.getMessage().contains("Connection refused"), error.getMessage());
    }

    @Test
    void answeredFailuresGetTheirTriesAgainOnceTheCloudIsBack() {
        RetryBudget budget = new RetryBudget(3, Duration.ofMinutes(2));
        assertTrue(budget.another(THROTTLED));
        assertTrue(budget.another(THROTTLED));
        assertTrue(budget.another(REFUSED), "an outage begins");
        assertTrue(budget.another(THROTTLED), "back, but not ready: counted from one");
        assertTrue(budget.another(THROTTLED));
        assertFalse(budget.another(THROTTLED));
        assertSame(THROTTLED, budget.exhausted(THROTTLED), "the service's own answer, not an outage");
    }

    @Test
    void theCallersOwnTimeoutIsNotAnOutage() {
        assertTrue(RetryBudget.isConnectionFailure(REFUSED));
        assertTrue(RetryBudget.isConnectionFailure(RESET));
        assertFalse(RetryBudget.isConnectionFailure(ApiCallTimeoutException.create(3000)));
        assertFalse(RetryBudget.isConnectionFailure(THROTTLED));
    }
}
