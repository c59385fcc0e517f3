package org.consilium.server.support;

import java.time.Duration;

/** Test set-up: a sign-in delay in force for a while, made as an attacker would, by wrong passwords. */
public final class SignInDelays {

    private SignInDelays() {
    }

    /**
     * Wrong passwords for {@code account} from {@code address} until the delay in force is at
     * least {@code atLeast} (five are free, then each failure doubles it from 1 s; attempts
     * during a delay do not count, so each step is waited out). About {@code atLeast} long.
     */
    public static FromAddress walkUp(String account, String address, Duration atLeast) throws Exception {
        FromAddress computer = new FromAddress(address);
        Duration delay = Duration.ZERO;
        for (int failures = 1; delay.compareTo(atLeast) < 0; failures++) {
            int attempt = failures;
            Poll.until(Duration.ofMinutes(2), () -> computer.signIn(account, "wrong-" + attempt),
                    FromAddress.Answer::refused, "a wrong password tried (the previous delay over)");
            delay = failures < 5 ? Duration.ZERO : Duration.ofSeconds(1L << (failures - 5));
        }
        return computer;
    }
}
