package org.citizendata.collaborative.notification;

/** How a user wants their mail. */
public enum Delivery {
    /** Every mail as it happens. */
    IMMEDIATE,
    /** Essential mail at once, the rest in one mail a day. */
    DAILY_DIGEST,
    /** Only the Steering Committee's decisions and other essential mail. */
    DECISIONS_ONLY
}
