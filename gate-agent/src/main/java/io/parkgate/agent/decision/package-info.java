/**
 * The lane's decisions: docs/domain.md's entry, exit and exception rules as a pure function
 * ({@link io.parkgate.agent.decision.DecisionEngine}).
 *
 * <p>Order of checks, entry and exit alike; the first that applies decides:
 * <ol>
 *   <li>neither plate nor card: PLATELESS, held;</li>
 *   <li>the plate, the card's plate or (unless the lane matches exactly only) any fuzzy candidate
 *       blacklisted: BLACKLISTED, held;</li>
 *   <li>a policy plate (警, WJ, military, 应急, or a site category's pattern): POLICY_EXEMPT, free;</li>
 *   <li>a fuzzy read the lane's MatchPolicy does not let it take alone, or a tie:
 *       FUZZY_NEEDS_CONFIRMATION / AMBIGUOUS_MATCH, held;</li>
 *   <li>(exit) the entry is looked up: plate, plate as read, the read up to confusables, card;</li>
 *   <li>a read that is no plate format and matched nothing (粤B12#45, an unregistered plate with its
 *       province missed): a valid card identifies the vehicle instead, else PLATELESS, held with what
 *       is wrong with the read (it could be neither checked nor registered);</li>
 *   <li>a registry exemption valid now: POLICY_EXEMPT when its reason names a site category
 *       (救护车), else MANAGEMENT_EXEMPT, free;</li>
 *   <li>a lost, returned or unknown card: INVALID_CARD, charged as temporary; a valid card bound to
 *       another plate: CARD_PLATE_MISMATCH, held and charged as temporary once released;</li>
 *   <li>entry: valid pass (warning when it ends soon), expired pass per rule, visitor, temporary;
 *       then a plate or card already inside per AlreadyInsideRule. Exit: no entry record per
 *       NoEntryRecordRule (a valid pass still leaves free), then by the category the entry recorded:
 *       pass re-checked (an expired pass charged from its end), visitor, temporary (SHORT_STAY when
 *       the tariff says nothing is due).</li>
 * </ol>
 * Every held vehicle a supervisor releases is charged as temporary
 * ({@link io.parkgate.agent.decision.DecisionEngine#decideAfterRelease}). To confirm a fuzzy read,
 * the lane decides again with the confirmed plate as the read.
 */
package io.parkgate.agent.decision;
