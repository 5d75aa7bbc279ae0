package dev.a2acloud.local.broker;

/**
 * Knative's data-plane retry table: 2xx succeeds; 404, 408, 409, 429 and every 5xx are retried (the subscriber may
 * be starting, busy or briefly inconsistent); 400 and every other 4xx or 3xx are final, because sending the same
 * event again cannot change the answer. Status 0 stands for no answer at all (connection refused, timeout, an
 * in-process subscriber that threw) and is retried.
 */
final class RetryPolicy {
    private RetryPolicy() {
    }

    static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    static boolean retryable(int status) {
        return status == 0 || status == 404 || status == 408 || status == 409 || status == 429
                || (status >= 500 && status < 600);
    }
}
