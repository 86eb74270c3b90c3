package dev.tusk.compat;

/** pgjdbc with prepareThreshold=1 and binaryTransfer=true (named statements and binary results from the first use). */
class PgjdbcPreparedBinaryTest extends PgjdbcTestBase {
    @Override
    String options() {
        return "&prepareThreshold=1&binaryTransfer=true";
    }
}
