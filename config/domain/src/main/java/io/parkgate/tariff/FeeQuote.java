package io.parkgate.tariff;

import java.util.List;

/**
 * The price of one stay in integer fen, with how it was reached.
 *
 * @param fen        amount due, never negative
 * @param zeroReason why nothing is due (for the register's remarks), or null when {@code fen > 0}
 * @param breakdown  one line per charged segment, for receipts and supervisors (Chinese)
 */
public record FeeQuote(long fen, ZeroFeeReason zeroReason, String remark, List<String> breakdown) {

    /** Why a stay costs nothing (docs/domain.md exit rule 2); the register's remarks say which. */
    public enum ZeroFeeReason { PASS_HOLDER, POLICY_EXEMPT, MANAGEMENT_APPROVED, SHORT_STAY, VISITOR_FREE_HOURS }
}
