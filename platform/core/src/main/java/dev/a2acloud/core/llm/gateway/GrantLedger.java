package dev.a2acloud.core.llm.gateway;

import dev.a2acloud.core.llm.TokenUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spend and rate windows per grant. Budget is reserved before a call (prompt estimate + max_tokens at the model's
 * price) so concurrent calls cannot overspend together, then settled from the usage the model reported. Requests and
 * tokens are counted in fixed one-minute windows, as LiteLLM does. One JVM's view: the embedded platform is one JVM;
 * in a cluster LiteLLM enforces the same limits.
 */
public final class GrantLedger {
    private final Clock clock;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    public GrantLedger(Clock clock) {
        this.clock = clock;
    }

    /** A held share of a grant's budget; settle or release it exactly once. */
    public static final class Reservation {
        private final Account account;
        private final ModelPrice price;
        private final BigDecimal held;
        private boolean closed;

        private Reservation(Account account, ModelPrice price, BigDecimal held) {
            this.account = account;
            this.price = price;
            this.held = held;
        }

        public BigDecimal held() {
            return held;
        }
    }

    public Reservation reserve(GrantLimits grant, ModelPrice price, long promptTokens, long maxTokens) {
        dropExpired();
        Account account = accounts.computeIfAbsent(grant.grantKey(), k -> new Account(grant.expiresAt()));
        BigDecimal cost = price.cost(promptTokens, maxTokens);
        long now = clock.millis();
        synchronized (account) {
            account.roll(now);
            long retryAfter = Math.max(1, (account.windowStart + 60_000 - now + 999) / 1000);
            if (grant.requestsPerMinute() > 0 && account.requests >= grant.requestsPerMinute()) {
                throw GatewayError.rateLimited("rate limit reached: " + grant.requestsPerMinute()
                        + " requests per minute for this grant; retry after " + retryAfter + " s", retryAfter);
            }
            if (grant.tokensPerMinute() > 0 && account.tokens + promptTokens > grant.tokensPerMinute()) {
                throw GatewayError.rateLimited("rate limit reached: " + grant.tokensPerMinute()
                        + " tokens per minute for this grant (used " + account.tokens + "); retry after "
                        + retryAfter + " s", retryAfter);
            }
            BigDecimal committed = account.spent.add(account.reserved);
            if (committed.add(cost).compareTo(grant.maxBudgetUsd()) > 0) {
                throw GatewayError.budgetExceeded("Budget has been exceeded! Current cost: " + account.spent.toPlainString()
                        + ", reserved: " + account.reserved.toPlainString() + ", this call may cost up to "
                        + cost.toPlainString() + ", max budget: " + grant.maxBudgetUsd().toPlainString()
                        + " USD. Lower max_tokens or ask for a grant with more budget.");
            }
            account.requests++;
            account.reserved = account.reserved.add(cost);
        }
        return new Reservation(account, price, cost);
    }

    /** Books what the call really used; {@code usage} null = unknown, then the whole reservation is charged. */
    public void settle(Reservation reservation, TokenUsage usage) {
        BigDecimal actual = usage == null ? reservation.held
                : reservation.price.cost(usage.promptTokens(), usage.completionTokens());
        Account account = reservation.account;
        synchronized (account) {
            if (reservation.closed) {
                return;
            }
            reservation.closed = true;
            account.roll(clock.millis());
            account.reserved = account.reserved.subtract(reservation.held);
            account.spent = account.spent.add(actual);
            account.tokens += usage == null ? 0 : usage.total();
        }
    }

    /** The call never reached a model (or the model refused it): nothing is charged. */
    public void release(Reservation reservation) {
        Account account = reservation.account;
        synchronized (account) {
            if (reservation.closed) {
                return;
            }
            reservation.closed = true;
            account.reserved = account.reserved.subtract(reservation.held);
        }
    }

    /** Spent USD of a grant so far (for tests and the models listing). */
    public BigDecimal spent(String grantKey) {
        Account account = accounts.get(grantKey);
        if (account == null) {
            return BigDecimal.ZERO;
        }
        synchronized (account) {
            return account.spent;
        }
    }

    private void dropExpired() {
        if (accounts.size() > 1_000) {
            Instant now = clock.instant();
            accounts.values().removeIf(a -> a.expiresAt.isBefore(now));
        }
    }

    private static final class Account {
        final Instant expiresAt;
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        long windowStart;
        int requests;
        long tokens;

        Account(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }

        void roll(long nowMillis) {
            long start = nowMillis - nowMillis % 60_000;
            if (start != windowStart) {
                windowStart = start;
                requests = 0;
                tokens = 0;
            }
        }
    }
}
