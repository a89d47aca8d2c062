package org.ocengine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.ColumnType;
import org.ocengine.table.Table;

class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<Path> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.fits", "a.arrow", "a.csv", "a.csv.gz"})
    void writerClosedWithoutCommitLeavesNothing(String file) throws IOException {
        Path target = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table table = SampleTables.numbered(alloc, 0, 100)) {
            try (TableWriter writer = TableIO.openWriter(target, null, table.schema(), alloc)) {
                writer.write(table.root());
                assertFalse(Files.exists(target), "nothing at the target before commit");
            }
            assertEquals(List.of(), filesInDir());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"b.fits", "b.arrow", "b.csv"})
    void writeFailingMidwayLeavesNothing(String file) throws IOException {
        Path target = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table good = SampleTables.numbered(alloc, 0, 100);
             Table wrongColumns = Table.builder(alloc, "other", 1)
                     .addDoubles(new ColumnSpec("y", ColumnType.FLOAT64, "", ""), new double[] {1}).build()) {
            assertThrows(IllegalArgumentException.class, () -> {
                try (TableWriter writer = TableIO.openWriter(target, null, good.schema(), alloc)) {
                    writer.write(good.root());
                    writer.write(wrongColumns.root());
                    writer.commit();
                }
            });
            assertEquals(List.of(), filesInDir());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"c.fits", "c.arrow", "c.csv"})
    void existingTargetIsReplacedOnlyOnCommit(String file) throws IOException {
        Path target = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table old = SampleTables.numbered(alloc, 0, 10);
             Table replacement = SampleTables.numbered(alloc, 100, 20)) {
            TableIO.write(old, target, null);
            byte[] before = Files.readAllBytes(target);
            try (TableWriter writer = TableIO.openWriter(target, null, replacement.schema(), alloc)) {
                writer.write(replacement.root());
                assertEquals(before.length, Files.readAllBytes(target).length);
                try (Table stillOld = TableIO.read(target, alloc)) {
                    assertEquals(10, stillOld.rowCount());
                }
                writer.commit();
            }
            try (Table now = TableIO.read(target, alloc)) {
                assertEquals(20, now.rowCount());
            }
            assertEquals(List.of(target), filesInDir());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"d.fits", "d.csv"})
    void abortedReplacementKeepsTheOldFile(String file) throws IOException {
        Path target = dir.resolve(file);
        try (var alloc = new RootAllocator();
             Table old = SampleTables.numbered(alloc, 0, 10)) {
            TableIO.write(old, target, null);
            byte[] before = Files.readAllBytes(target);
            try (TableWriter writer = TableIO.openWriter(target, null, old.schema(), alloc)) {
                writer.write(old.root());
                writer.write(old.root());
            }
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(target)));
            assertEquals(List.of(target), filesInDir());
        }
    }
}
