package dev.keyguard.transformed;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant pool of a class file, read with nothing but the JVM specification (chapter 4.4):
 * every name, descriptor, signature and string constant a class holds is one of its {@code Utf8}
 * entries, and every field or method it uses on another class is a {@code Fieldref}, {@code
 * Methodref} or {@code InterfaceMethodref}.
 *
 * @param utf8 every {@code CONSTANT_Utf8} entry
 * @param memberRefs every field and method reference, with its owner's internal name
 */
record ClassFile(List<String> utf8, List<MemberRef> memberRefs) {

    /**
     * A field or method used by the class.
     *
     * @param owner the internal name of the class it is looked up in ({@code javax/servlet/Filter})
     * @param descriptor a field descriptor, or a method descriptor ({@code (I)V})
     */
    record MemberRef(String owner, String name, String descriptor, boolean method) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (method ? "." : "#") + name + descriptor;
        }
    }

    private static final int MAGIC = 0xCAFEBABE;

    static ClassFile read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC) {
            throw new IOException("Not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        Object[] values = new Object[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> values[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 7, 8, 16, 19, 20 -> values[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 ->
                        values[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("Unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<String> utf8 = new ArrayList<>();
        List<MemberRef> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == 1) {
                utf8.add((String) values[i]);
            } else if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                int[] ref = (int[]) values[i];
                String owner = (String) values[(Integer) values[ref[0]]];
                int[] nameAndType = (int[]) values[ref[1]];
                refs.add(
                        new MemberRef(
                                owner,
                                (String) values[nameAndType[0]],
                                (String) values[nameAndType[1]],
                                tags[i] != 9));
            }
        }
        return new ClassFile(List.copyOf(utf8), List.copyOf(refs));
    }
}
