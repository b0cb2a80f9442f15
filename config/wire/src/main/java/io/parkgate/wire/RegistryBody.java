package io.parkgate.wire;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A whole registry as a compact byte string: binary records in the snapshot's order, deflated. About a tenth
 * of the JSON snapshot's size for a car park's registry (plates and ids repeat their prefixes), and decoded
 * without building a JSON tree. Layout (big-endian, docs/mqtt.md "Registry"): magic {@code PGRB}, format,
 * version, then per kind (owners, vehicles, cards, passes, visitors, blacklist, exemptions) a count and the
 * records' fields in declaration order. A string is a varint of its UTF-8 length plus one (0 = null); an
 * enum is its name; an instant a presence byte, then epoch seconds and nanoseconds.
 */
public final class RegistryBody {

    /** The body format this code writes and reads. */
    public static final int FORMAT = 1;
    /** Inflated, a body larger than this is refused: a registry of several million records fits. */
    public static final long MAX_INFLATED_BYTES = 512L * 1024 * 1024;
    /** More records of one kind than this are refused before any is read. */
    public static final int MAX_RECORDS = 2_000_000;
    /** The longest string field accepted (registry fields are short texts). */
    static final int MAX_STRING_BYTES = 4096;
    private static final int MAGIC = 0x50475242; // "PGRB"

    private RegistryBody() {
    }

    /** The compressed body of {@code s}. */
    public static byte[] encode(RegistrySnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(s.version());
            Writer w = new Writer(out);
            w.count(s.owners().size());
            for (Owner o : s.owners()) {
                w.str(o.id());
                w.str(o.name());
                w.str(o.unit());
                w.str(o.phone());
            }
            w.count(s.vehicles().size());
            for (Vehicle v : s.vehicles()) {
                w.str(v.plate());
                w.str(v.ownerId());
                w.name(v.colour());
                w.name(v.vehicleClass());
            }
            w.count(s.cards().size());
            for (Card c : s.cards()) {
                w.str(c.number());
                w.str(c.ownerId());
                w.str(c.plate());
                w.name(c.status());
            }
            w.count(s.passes().size());
            for (Pass p : s.passes()) {
                w.str(p.id());
                w.str(p.plate());
                w.name(p.type());
                w.instant(p.validFrom());
                w.instant(p.validUntil());
            }
            w.count(s.visitors().size());
            for (Visitor v : s.visitors()) {
                w.str(v.plate());
                w.str(v.hostOwnerId());
                w.instant(v.validFrom());
                w.instant(v.validUntil());
                w.str(v.note());
            }
            w.count(s.blacklist().size());
            for (BlacklistEntry b : s.blacklist()) {
                w.str(b.plate());
                w.str(b.reason());
            }
            w.count(s.exemptions().size());
            for (ManagementExemption e : s.exemptions()) {
                w.str(e.plate());
                w.str(e.approvedBy());
                w.instant(e.validFrom());
                w.instant(e.validUntil());
                w.str(e.reason());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a registry body in memory", e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /**
     * The registry in {@code body}.
     *
     * @throws WireFormatException when it is not a complete body of this format, or inflates past the limits
     */
    public static RegistrySnapshot decode(byte[] body) {
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new Bounded(
                new InflaterInputStream(new ByteArrayInputStream(body), inflater, 1 << 16)), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new WireFormatException("registry body: not a registry body (bad magic)");
            }
            int format = in.readInt();
            if (format != FORMAT) {
                throw new WireFormatException("registry body: format " + format + ", this agent reads " + FORMAT);
            }
            long version = in.readLong();
            if (version < 0) {
                throw new WireFormatException("registry body: negative version " + version);
            }
            Reader r = new Reader(in);
            List<Owner> owners = new ArrayList<>(r.count("owners"));
            for (int i = r.last; i > 0; i--) {
                owners.add(new Owner(r.required("owner id"), r.str(), r.str(), r.str()));
            }
            List<Vehicle> vehicles = new ArrayList<>(r.count("vehicles"));
            for (int i = r.last; i > 0; i--) {
                vehicles.add(new Vehicle(r.required("plate"), r.str(), r.name(PlateColour.class),
                        r.name(VehicleClass.class)));
            }
            List<Card> cards = new ArrayList<>(r.count("cards"));
            for (int i = r.last; i > 0; i--) {
                cards.add(new Card(r.required("card number"), r.str(), r.str(), r.required(Card.Status.class)));
            }
            List<Pass> passes = new ArrayList<>(r.count("passes"));
            for (int i = r.last; i > 0; i--) {
                passes.add(new Pass(r.required("pass id"), r.required("plate"), r.required(Pass.Type.class),
                        r.requiredInstant("validFrom"), r.instant()));
            }
            List<Visitor> visitors = new ArrayList<>(r.count("visitors"));
            for (int i = r.last; i > 0; i--) {
                visitors.add(new Visitor(r.required("plate"), r.str(), r.requiredInstant("validFrom"),
                        r.requiredInstant("validUntil"), r.str()));
            }
            List<BlacklistEntry> blacklist = new ArrayList<>(r.count("blacklist"));
            for (int i = r.last; i > 0; i--) {
                blacklist.add(new BlacklistEntry(r.required("plate"), r.str()));
            }
            List<ManagementExemption> exemptions = new ArrayList<>(r.count("exemptions"));
            for (int i = r.last; i > 0; i--) {
                exemptions.add(new ManagementExemption(r.required("plate"), r.str(), r.requiredInstant("validFrom"),
                        r.requiredInstant("validUntil"), r.str()));
            }
            if (in.read() != -1) {
                throw new WireFormatException("registry body: bytes after the last record");
            }
            return new RegistrySnapshot(version, owners, vehicles, cards, passes, visitors, blacklist, exemptions);
        } catch (EOFException e) {
            throw new WireFormatException("registry body: ends in the middle of a record (truncated)");
        } catch (IOException e) {
            throw new WireFormatException("registry body: cannot be inflated: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static final class Writer {
        private final DataOutputStream out;

        Writer(DataOutputStream out) {
            this.out = out;
        }

        void count(int n) throws IOException {
            out.writeInt(n);
        }

        void str(String s) throws IOException {
            if (s == null) {
                varint(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length + 1);
            out.write(b);
        }

        void name(Enum<?> e) throws IOException {
            str(e == null ? null : e.name());
        }

        void instant(Instant t) throws IOException {
            if (t == null) {
                out.writeByte(0);
                return;
            }
            out.writeByte(1);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }

        private void varint(int v) throws IOException {
            while ((v & ~0x7F) != 0) {
                out.writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
        }
    }

    private static final class Reader {
        private final DataInputStream in;
        /** The count read last: the loops above read that many records. */
        int last;

        Reader(DataInputStream in) {
            this.in = in;
        }

        /** Reads a count and returns a safe initial capacity for it. */
        int count(String kind) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > MAX_RECORDS) {
                throw new WireFormatException("registry body: " + n + " " + kind + " (at most " + MAX_RECORDS + ")");
            }
            last = n;
            return Math.min(n, 1 << 16);
        }

        String str() throws IOException {
            int n = varint();
            if (n == 0) {
                return null;
            }
            n--;
            if (n > MAX_STRING_BYTES) {
                throw new WireFormatException("registry body: a " + n + "-byte text (at most " + MAX_STRING_BYTES
                        + ")");
            }
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        String required(String field) throws IOException {
            String s = str();
            if (s == null || s.isBlank()) {
                throw new WireFormatException("registry body: a record without " + field);
            }
            return s;
        }

        <E extends Enum<E>> E name(Class<E> type) throws IOException {
            String s = str();
            if (s == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw new WireFormatException("registry body: '" + s + "' is not a " + type.getSimpleName());
            }
        }

        <E extends Enum<E>> E required(Class<E> type) throws IOException {
            E e = name(type);
            if (e == null) {
                throw new WireFormatException("registry body: a record without its " + type.getSimpleName());
            }
            return e;
        }

        Instant instant() throws IOException {
            int present = in.readUnsignedByte();
            if (present == 0) {
                return null;
            }
            if (present != 1) {
                throw new WireFormatException("registry body: bad instant marker " + present);
            }
            long seconds = in.readLong();
            int nanos = in.readInt();
            try {
                return Instant.ofEpochSecond(seconds, nanos);
            } catch (RuntimeException e) {
                throw new WireFormatException("registry body: instant out of range");
            }
        }

        Instant requiredInstant(String field) throws IOException {
            Instant t = instant();
            if (t == null) {
                throw new WireFormatException("registry body: a record without " + field);
            }
            return t;
        }

        private int varint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 32; shift += 7) {
                int b = in.readUnsignedByte();
                v |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new WireFormatException("registry body: malformed length");
        }
    }

    /** Stops an inflation bomb: refuses to inflate past {@link #MAX_INFLATED_BYTES}. */
    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > MAX_INFLATED_BYTES) {
                throw new WireFormatException("registry body: inflates past " + MAX_INFLATED_BYTES + " bytes");
            }
        }
    }
}
