/**
 * Moving stored envelopes off old KEK versions (issue 22, item 5; docs/security.md, "Rotation
 * and crypto-shredding"). After a rotation, and every {@code consilium.kek.rewrap-check}
 * (default PT1H) and at start, each appliance's {@link org.consilium.application.kek.KekRewrapJob}
 * looks at the token again and rewraps every envelope header under an older version to the
 * newest: the database's (sealed second-factor secrets, shared by all appliances) and its own
 * recordings volume's. It then records how many envelopes it found under each version
 * ({@link org.consilium.application.kek.KekUsage}), so that the console can sum over the
 * appliances and allow destroying an old version only when nothing is left under it on any
 * appliance that counts ({@link org.consilium.application.kek.KekRetirement},
 * {@link org.consilium.application.kek.Appliances}: members of the cluster and appliances with
 * recordings on record must have checked; one down or decommissioned with nothing is ignored).
 */
package org.consilium.application.kek;
