package io.parkgate.plate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlateTest {

    /** Verifies that reads are normalised: case, spaces, dots, middle dots and full-width characters. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "粤B12345|粤B12345",
        "粤b12345|粤B12345",
        "粤B·12345|粤B12345",
        "粤B.123 45|粤B12345",
        "  粤 B 1 2 3 4 5 |粤B12345",
        "粤Ｂ１２３４５|粤B12345",
        "粤Ｂ・１２３４５|粤B12345",
        "京ad12345|京AD12345",
        "wj-01234|WJ01234",
        "粤B1234　警|粤B1234警",
    })
    void normalisesReads(String raw, String expected) {
        assertEquals(expected, Plate.normalise(raw));
    }

    /** Verifies that null and blank reads normalise to the empty string instead of failing. */
    @Test
    void normalisesNullAndBlankToEmpty() {
        assertEquals("", Plate.normalise(null));
        assertEquals("", Plate.normalise(" · "));
    }

    /** Verifies that real-looking plates are classified by kind and province. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "粤B12345|STANDARD|粤",
        "京A8F3K2|STANDARD|京",
        "沪C0000Z|STANDARD|沪",
        "京AD12345|NEW_ENERGY|京",
        "粤BF00001|NEW_ENERGY|粤",
        "粤B12345D|NEW_ENERGY|粤",
        "粤B1234警|POLICE|粤",
        "京A0001警|POLICE|京",
        "粤O1234警|POLICE|粤",
        "粤O·12345|POLICE|粤",
        "湘OA1234|POLICE|湘",
        "WJ01234|ARMED_POLICE|",
        "WJ粤1234X|ARMED_POLICE|粤",
        "VA12345|MILITARY|",
        "KB01234|MILITARY|",
        "沈A12345|MILITARY|",
        "海K00001|MILITARY|",
        "沪A1234学|DRIVING_SCHOOL|沪",
        "苏E1234挂|TRAILER|苏",
        "使014001|EMBASSY|",
        "沪A1234领|CONSULATE|沪",
        "粤Z1234港|HONG_KONG_MACAU|粤",
        "粤Z123A澳|HONG_KONG_MACAU|粤",
        "京A1234应急|EMERGENCY|京",
        "粤 b·12345|STANDARD|粤",
    })
    void classifiesPlates(String raw, PlateKind kind, String province) {
        PlateInfo info = Plate.classify(raw);
        assertEquals(kind, info.kind(), raw);
        assertEquals(province, info.province(), raw);
        assertTrue(info.valid());
        assertNull(info.problem());
    }

    /** Verifies that invalid plates are rejected with a message that says exactly what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|号牌为空",
        "B12345|首字符“B”不是省份简称",
        "粤|号牌只有省份简称",
        "粤112345|第2位“1”应为发牌机关字母",
        "粤B1234I|第7位为字母I，号牌不使用I和O",
        "粤B12O45|第5位为字母O，号牌不使用I和O",
        "粤OO1234|第3位为字母O，号牌不使用I和O",
        "粤O1234学|末位“学”不是已知的号牌类别（警、学、挂、领、港、澳、应急）或长度不符",
        "粤B123|长度为5位，应为7位（新能源8位）",
        "粤B1234567|长度为9位，应为7位（新能源8位）",
        "粤B123456|8位新能源号牌第3位或末位应为字母",
        "粤B12#45|第5位含非法字符“#”",
        "粤B1234馆|末位“馆”不是已知的号牌类别（警、学、挂、领、港、澳、应急）或长度不符",
    })
    void rejectsInvalidPlatesWithReason(String raw, String problem) {
        PlateInfo info = Plate.classify(raw);
        assertEquals(PlateKind.INVALID, info.kind(), raw);
        assertFalse(info.valid());
        assertEquals(problem, info.problem());
    }

    /** Verifies that exactly police, armed police, military and emergency plates are policy-exempt. */
    @Test
    void policyExemptKinds() {
        for (PlateKind kind : PlateKind.values()) {
            boolean expected = kind == PlateKind.POLICE || kind == PlateKind.ARMED_POLICE
                    || kind == PlateKind.MILITARY || kind == PlateKind.EMERGENCY;
            assertEquals(expected, kind.policyExempt(), kind.name());
        }
        assertEquals("FIRE", PlateKind.EMERGENCY.exemptionCode());
        assertEquals("ARMED_POLICE", PlateKind.ARMED_POLICE.exemptionCode());
    }

    /** Verifies that the canonical form equates exactly the confusable groups. */
    @Test
    void canonicalFormEquatesConfusableGroups() {
        assertEquals(Plate.canonical("粤B0DQ8"), Plate.canonical("粤8QD0B"));
        assertEquals(Plate.canonical("2Z5S1IT6G"), Plate.canonical("Z25SIT1G6"));
        assertFalse(Plate.confusable('8', '3'));
        assertFalse(Plate.confusable('A', '4'));
        assertTrue(Plate.confusable('T', '1'));
    }
}
