package dev.workbench.local.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Unpacks a gzip-compressed tar (ustar, GNU long names, pax path records) into a directory.
 * Only regular files and directories are written; links and devices are skipped, and any entry whose
 * path would leave the target directory is refused, so an archive cannot write outside the model dir.
 */
public final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    public static void unpack(InputStream archive, Path target) {
        Path root = target.toAbsolutePath().normalize();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(archive))) {
            Files.createDirectories(root);
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : entryName(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                switch (type) {
                    case 'L' -> longName = trimNul(new String(readData(in, size), StandardCharsets.UTF_8));
                    case 'x' -> longName = paxPath(new String(readData(in, size), StandardCharsets.UTF_8));
                    case '5' -> {
                        Files.createDirectories(inside(root, name));
                        skip(in, size);
                    }
                    case '0', '\0', '7' -> {
                        Path file = inside(root, name);
                        Files.createDirectories(file.getParent());
                        try (OutputStream out = Files.newOutputStream(file)) {
                            copy(in, out, size);
                        }
                        skip(in, padding(size));
                    }
                    default -> skip(in, size + padding(size));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack model archive: " + e.getMessage(), e);
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || Path.of(name).isAbsolute()) {
            throw new IOException("archive entry '" + name + "' would be written outside " + root);
        }
        return resolved;
    }

    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        String magic = text(header, 257, 6);
        if (magic.startsWith("ustar")) {
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private static @Nullable String paxPath(String records) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    private static long octal(byte[] b, int offset, int length) {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '7') {
                value = value * 8 + (c - '0');
                digits = true;
            } else if (digits) {
                break;
            }
        }
        return value;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long padding(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read < BLOCK) {
            throw new IOException("truncated tar header");
        }
        return true;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar metadata entry too large: " + size);
        }
        byte[] data = in.readNBytes((int) size);
        skip(in, padding(size));
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated tar entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }
}
