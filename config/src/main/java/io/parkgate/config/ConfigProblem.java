package io.parkgate.config;

/**
 * One thing wrong in a site file.
 *
 * @param file     the file as the user named it
 * @param line     1-based line number, or 0 when the problem is about the file as a whole
 * @param keyPath  where in the file, e.g. {@code lanes[1].devices.io.transport} (list indexes from 0)
 * @param found    what the file says, e.g. {@code 'tcp://x'}, or {@code nothing} for a missing key
 * @param expected what would be accepted
 */
public record ConfigProblem(String file, int line, String keyPath, String found, String expected) {

    /** {@code file:line: key.path: found …, expected …}, one line, in the style of compiler errors. */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        String key = keyPath.isEmpty() ? "(top level)" : keyPath;
        return where + ": " + key + ": found " + found + ", expected " + expected;
    }
}
