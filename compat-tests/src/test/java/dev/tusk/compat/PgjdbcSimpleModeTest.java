package dev.tusk.compat;

/** pgjdbc with preferQueryMode=simple (the simple query protocol only). */
class PgjdbcSimpleModeTest extends PgjdbcTestBase {
    @Override
    String options() {
        return "&preferQueryMode=simple";
    }
}
