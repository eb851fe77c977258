package dev.tegula.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tegula.server.RequestParserContract;

/**
 * Fuzzes {@code tegula serve}'s request parser (RequestReader, with the Host check and request
 * path that follow it) on raw bytes as a client sends them: requests or a refusal, never another
 * exception or a hang, and the same outcome however the bytes are split into reads. Seeds are
 * the raw requests of the CLI's RawCases and ordinary browser requests; findings live in
 * {@code src/test/resources/dev/tegula/fuzz/HttpRequestFuzzTestInputs/parse/} and are replayed
 * by every normal test run.
 */
class HttpRequestFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) {
    RequestParserContract.check(data);
  }
}
