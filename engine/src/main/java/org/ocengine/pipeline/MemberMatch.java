package org.ocengine.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.ocengine.compute.ComputeBackend;
import org.ocengine.quality.QualityCuts;
import org.ocengine.quality.RejectedRows;
import org.ocengine.table.CanonicalTable;
import org.ocengine.table.CanonicalTables;
import org.ocengine.table.ClusterNames;
import org.ocengine.table.ColumnSpec;
import org.ocengine.table.Columns;
import org.ocengine.table.Table;
import org.ocengine.xmatch.EpochPropagation;
import org.ocengine.xmatch.PairColumns;
import org.ocengine.xmatch.SkyCrossMatch;

/**
 * The member route of a run (SPEC.md 2-3): reads the member list, applies the membership cut, matches
 * the spectra to the members (a source_id join where both sides have Gaia ids, the sky match within
 * the radius for the rest, all pairs), and turns the pairs into one measurement row per (spectrum,
 * cluster). A spectrum within the radius of several members of one cluster counts once, for its
 * nearest member (the others are recorded as dropped matches); near members of different clusters it
 * counts for each. The measurement row keeps the spectrum's columns and takes the member's cluster,
 * Gaia source_id, photometry, astrometry and membership probability. Stateless.
 */
final class MemberMatch {

    /** Columns the member list supplies to each measurement (they replace the spectrum's own). */
    private static final List<ColumnSpec> FROM_MEMBER = List.of(Columns.CLUSTER, Columns.SOURCE_ID, Columns.GMAG, Columns.BP_RP,
            Columns.PARALLAX, Columns.PARALLAX_ERR, Columns.PMRA, Columns.PMDEC, Columns.MEMBERSHIP_PROB);

    private MemberMatch() {
    }

    static Table measurements(ClusterRunConfig config, Table spectra, RunManifest manifest, RejectedRows rejected,
                              Map<String, Long> counts, Consumer<String> note, OutputDirectory out, List<Path> written,
                              ComputeBackend backend, BufferAllocator alloc, ClusterRun.Stopwatch clock) throws IOException {
        try (CanonicalTable read = ClusterRun.read(config.members(), "members", config.memberColumns(), manifest, alloc, clock);
             Table members = membershipCut(read.table(), config.minMembership(), rejected, note, alloc)) {
            CanonicalTables.requireColumns(members, Columns.CLUSTER, Columns.RA, Columns.DEC);
            counts.put("members_rows", (long) read.table().rowCount());
            counts.put("members_kept", (long) members.rowCount());
            SkyCrossMatch match = SkyCrossMatch.defaults().withRadius(config.radiusArcsec());
            if (!Double.isNaN(config.memberEpoch())) {
                match = match.withPropagationB(new EpochPropagation(config.memberEpoch(), config.spectraEpoch()));
                note.accept(String.format(Locale.ROOT, "member positions moved by their proper motions from %.1f to %.1f",
                        config.memberEpoch(), config.spectraEpoch()));
            }
            try (Table pairs = match.run(spectra, members, backend, alloc)) {
                clock.lap("xmatch");
                counts.put("match_pairs", (long) pairs.rowCount());
                written.addAll(ClusterRun.record(out, manifest, pairs, "matches"));
                return measurementRows(spectra, members, pairs, rejected, counts, note, alloc);
            }
        }
    }

    /** Members above the membership threshold; the others are recorded as dropped. */
    static Table membershipCut(Table members, double minMembership, RejectedRows rejected, Consumer<String> note,
                                       BufferAllocator alloc) {
        int n = members.rowCount();
        List<Integer> keep = new ArrayList<>();
        if (Double.isNaN(minMembership)) {
            for (int i = 0; i < n; i++) {
                keep.add(i);
            }
        } else if (!members.has(Columns.MEMBERSHIP_PROB.name())) {
            note.accept(members.origin() + ": no membership probability column, so --min-membership was not applied");
            for (int i = 0; i < n; i++) {
                keep.add(i);
            }
        } else {
            double[] p = members.doubles(Columns.MEMBERSHIP_PROB.name());
            String[] objects = QualityCuts.objectLabels(members);
            for (int i = 0; i < n; i++) {
                if (p[i] > minMembership) {
                    keep.add(i);
                } else {
                    rejected.add(members.origin(), i + 1L, "members", objects[i], Columns.MEMBERSHIP_PROB.name(),
                            Double.isNaN(p[i]) ? "" : Double.toString(p[i]),
                            Double.isNaN(p[i]) ? "no membership probability" : "membership probability " + p[i] + " <= " + minMembership,
                            RejectedRows.Action.ROW_DROPPED);
                }
            }
            note.accept(members.origin() + ": membership probability > " + minMembership + " kept " + keep.size() + " of " + n + " members");
        }
        return members.select(keep.stream().mapToInt(Integer::intValue).toArray(), alloc, members.origin());
    }

    private static Table measurementRows(Table spectra, Table members, Table pairs, RejectedRows rejected,
                                         Map<String, Long> counts, Consumer<String> note, BufferAllocator alloc) {
        int[] aRow = pairs.ints(PairColumns.A_ROW.name());
        int[] bRow = pairs.ints(PairColumns.B_ROW.name());
        double[] sep = pairs.doubles(PairColumns.SEPARATION.name());
        String[] cluster = members.strings(Columns.CLUSTER.name());
        long[] sourceRow = spectra.longs(Columns.SOURCE_ROW.name());
        String[] objects = QualityCuts.objectLabels(spectra);
        List<Integer> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean[] matched = new boolean[spectra.rowCount()];
        for (int k = 0; k < aRow.length; k++) {
            matched[aRow[k]] = true;
            // pairs come ordered by A row, then separation: the first of each (spectrum, cluster) is the nearest
            if (seen.add(aRow[k] + "\u0000" + ClusterNames.normalise(cluster[bRow[k]]))) {
                kept.add(k);
            } else {
                rejected.add(spectra.origin(), sourceRow[aRow[k]], "xmatch", objects[aRow[k]], "", String.format(Locale.ROOT, "%.3f", sep[k]),
                        "a nearer member of " + cluster[bRow[k]].strip() + " is matched to this spectrum", RejectedRows.Action.MATCH_DROPPED);
            }
        }
        long unmatched = 0;
        for (boolean m : matched) {
            unmatched += m ? 0 : 1;
        }
        counts.put("spectra_unmatched", unmatched);
        note.accept(String.format(Locale.ROOT, "%s: %d of %d spectra matched a member (%d pairs used); %d matched none "
                + "(not cluster members; counted, not listed as rejected)", spectra.origin(), spectra.rowCount() - unmatched,
                spectra.rowCount(), kept.size(), unmatched));
        int[] pick = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] a = new int[pick.length];
        int[] b = new int[pick.length];
        for (int i = 0; i < pick.length; i++) {
            a[i] = aRow[pick[i]];
            b[i] = bRow[pick[i]];
        }
        Set<String> fromMember = new HashSet<>();
        for (ColumnSpec c : FROM_MEMBER) {
            if (members.has(c.name())) {
                fromMember.add(c.name());
            }
        }
        try (var builder = Table.builder(alloc, spectra.origin(), pick.length)) {
            for (String name : spectra.columnNames()) {
                if (!fromMember.contains(name)) {
                    builder.addGathered(spectra, name, a, name);
                }
            }
            for (ColumnSpec c : FROM_MEMBER) {
                if (fromMember.contains(c.name())) {
                    builder.addGathered(members, c.name(), b, c.name());
                }
            }
            builder.addGathered(pairs, PairColumns.SEPARATION.name(), pick, PairColumns.SEPARATION.name());
            builder.addGathered(pairs, PairColumns.MATCH_METHOD.name(), pick, PairColumns.MATCH_METHOD.name());
            return builder.build();
        }
    }
}
