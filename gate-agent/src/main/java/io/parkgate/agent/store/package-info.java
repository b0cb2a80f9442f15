/**
 * The gate agent's local SQLite store: one file per lane, {@code <dataDir>/<laneId>/lane.db}, owned by
 * one {@link io.parkgate.agent.store.AgentStore}.
 *
 * <ul>
 *   <li><b>Registry cache</b> — central's resident registry at a version, replaced by snapshots
 *       (staged in short transactions, switched in one, so the lane's writes never wait for a whole
 *       load) and advanced by deltas that start exactly at the version held; the lane decides from it
 *       with no central.</li>
 *   <li><b>Open stays</b> — the vehicles inside, from which the lane rebuilds its in-memory index.</li>
 *   <li><b>Entry/exit register</b> (《车辆出入登记表》) — one row per passage or refusal, with fee,
 *       payment, receipt number ({@code <LANEID>-<yyyyMMdd>-<000123>}, a persisted per-lane counter)
 *       and remarks; entry + stay and exit + stay close are each one transaction.</li>
 *   <li><b>Alarms</b> — forced passage, tailgating, blocked barrier, device faults.</li>
 * </ul>
 *
 * <p>Durability: WAL, {@code synchronous=NORMAL} unless
 * {@link io.parkgate.agent.store.AgentStore#SYNCHRONOUS_PROPERTY} asks for {@code FULL} (an fsync per commit;
 * its cost is in docs/benchmarks.md); every write commits before it returns, so a process
 * killed at any moment (kill -9) loses nothing already returned (see {@code AgentStoreCrashIT}); a
 * power cut can lose the commits since the last checkpoint but never corrupts the file. The app calls
 * {@link io.parkgate.agent.store.AgentStore#checkpoint()} on a schedule (e.g. every 30 s) off the
 * lane thread. Schema: numbered scripts {@code db/agent/V<n>__<what>.sql}, applied once each by Flyway
 * ({@link io.parkgate.config.SchemaMigrations}) and recorded in {@code flyway_schema_history}; never edit an
 * applied script, add the next one.
 */
package io.parkgate.agent.store;
