package io.parkgate.central.passage;

import io.parkgate.tariff.Yuan;
import io.parkgate.wire.LaneEvent;
import java.util.List;

/**
 * The register as CSV (UTF-8 with BOM so spreadsheet programs show the Chinese), one line per event,
 * fees in yuan with two decimals (computed from integer fen).
 */
public final class RegisterCsv {

    static final String HEADER = "时间 time,车道 lane,类型 type,车牌 plate,识别 read,卡号 card,决定 code,原因 reason,"
            + "费用(元) fee,付款 payment,备注 remarks,event id";

    private RegisterCsv() {
    }

    public static String render(List<LaneEvent> events) {
        StringBuilder b = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (LaneEvent e : events) {
            b.append(cell(e.occurredAt().toString())).append(',')
                    .append(cell(e.laneId())).append(',')
                    .append(cell(e.type().name())).append(',')
                    .append(cell(e.plate())).append(',')
                    .append(cell(e.plateAsRead())).append(',')
                    .append(cell(e.card())).append(',')
                    .append(cell(e.code())).append(',')
                    .append(cell(e.reason())).append(',')
                    .append(e.feeFen() == null ? "" : Yuan.of(e.feeFen())).append(',')
                    .append(cell(e.paymentMethod() == null ? null : e.paymentMethod().name())).append(',')
                    .append(cell(e.remark())).append(',')
                    .append(cell(e.eventId())).append("\r\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return CsvCell.of(s);
    }
}
