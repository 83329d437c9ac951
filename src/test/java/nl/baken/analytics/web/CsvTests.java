package nl.baken.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cells that a spreadsheet would run as a formula are defused; quoting follows RFC 4180; numbers stay numbers. */
class CsvTests {

	@Test
	void formulasAreDefusedAndSeparatorsQuoted() {
		assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"klik\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"");
		assertThat(Csv.cell("+31 6 1234")).isEqualTo("'+31 6 1234");
		assertThat(Csv.cell("-1+1")).isEqualTo("'-1+1");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("regel 1\nregel 2")).isEqualTo("\"regel 1\nregel 2\"");
		assertThat(Csv.cell("gewoon")).isEqualTo("gewoon");
		assertThat(Csv.cell(null)).isEmpty();
	}

	@Test
	void numbersAreWrittenWithAPointAndNegativeOnesStayNumbers() {
		assertThat(Csv.number(-2.5)).isEqualTo("-2.5");
		assertThat(Csv.number(77.777777)).isEqualTo("77.7778");
		assertThat(Csv.number(0.0)).isEqualTo("0");
		assertThat(Csv.number(100.0)).isEqualTo("100");
		assertThat(Csv.number(null)).isEmpty();
	}

	@Test
	void aDownloadIsUtf8CsvWithItsHeader() {
		var response = Csv.download("x.csv", List.of("a", "b"), List.of(List.of("1", Csv.cell("é,è"))));
		assertThat(response.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
		assertThat(response.getBody()).isEqualTo("a,b\r\n1,\"é,è\"\r\n");
	}
}
