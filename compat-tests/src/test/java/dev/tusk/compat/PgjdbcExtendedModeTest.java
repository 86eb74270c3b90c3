package dev.tusk.compat;

/** pgjdbc with its default settings (extended protocol, unnamed statements until prepareThreshold). */
class PgjdbcExtendedModeTest extends PgjdbcTestBase {
    @Override
    String options() {
        return "";
    }
}
