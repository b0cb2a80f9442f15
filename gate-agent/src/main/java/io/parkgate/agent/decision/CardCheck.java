package io.parkgate.agent.decision;

/** What the presented card turned out to be (docs/domain.md entry rule 3). */
enum CardCheck {
    /** No card presented. */
    NONE(null, null),
    /** An ACTIVE card. */
    VALID(null, null),
    UNKNOWN("未登记的卡", "unregistered card"),
    RETURNED("已退的卡", "returned card"),
    LOST("已挂失的卡", "card reported lost");

    private final String label;
    private final String labelEn;

    CardCheck(String label, String labelEn) {
        this.label = label;
        this.labelEn = labelEn;
    }

    boolean invalid() {
        return label != null;
    }

    String label() {
        return label;
    }

    String labelEn() {
        return labelEn;
    }
}
