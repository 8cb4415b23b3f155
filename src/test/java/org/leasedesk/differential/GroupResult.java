package org.leasedesk.differential;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.differential.DifferentialRunner.ScenarioRun;
import org.leasedesk.differential.DifferentialRunner.ServerRun;
import org.leasedesk.differential.DifferentialRunner.StepRecord;

/**
 * A group run on both servers, and the verdict on each of its scenarios: Kea is checked against
 * the scenario's expectations first (a scenario that misreads Kea, or a runner artefact, must not
 * pass for a LeaseDesk difference), then LeaseDesk against Kea step by step.
 */
final class GroupResult {

    enum Outcome {
        AGREES("agrees with Kea"),
        AGREES_EXCEPT_ON_PURPOSE("agrees with Kea but where it differs on purpose"),
        LEASEDESK_DIFFERS("LeaseDesk differs from Kea"),
        LEASEDESK_DID_NOT_START("LeaseDesk did not start on the configuration"),
        KEA_UNEXPECTED("Kea did not answer as the scenario expects: the scenario or the runner is wrong"),
        KEA_DID_NOT_START("Kea did not start on the configuration");

        final String meaning;

        Outcome(String meaning) {
            this.meaning = meaning;
        }

        boolean passes() {
            return this == AGREES || this == AGREES_EXCEPT_ON_PURPOSE;
        }
    }

    /** What became of one scenario: the outcome, a line for a summary, and the full report. */
    record Verdict(Outcome outcome, String oneLine, String report) {}

    private final ScenarioGroup group;
    private final ServerRun kea;
    private final ServerRun leaseDesk;

    GroupResult(ScenarioGroup group, ServerRun kea, ServerRun leaseDesk) {
        this.group = group;
        this.kea = kea;
        this.leaseDesk = leaseDesk;
    }

    /** Passes, or throws an AssertionError with the report. */
    void verify(Scenario scenario) {
        Verdict verdict = verdict(scenario);
        if (!verdict.outcome().passes()) {
            throw new AssertionError(verdict.report());
        }
    }

    Verdict verdict(Scenario scenario) {
        String title = "\"" + scenario.name() + "\" (group \"" + group.name() + "\")";
        if (kea.startFailure().isPresent()) {
            return new Verdict(Outcome.KEA_DID_NOT_START, "Kea did not start: " + firstLine(kea.startFailure().get()),
                    title + ": " + Outcome.KEA_DID_NOT_START.meaning + "\n" + kea.startFailure().get());
        }
        ScenarioRun keaRun = kea.scenarios().get(scenario.name());
        for (int i = 0; i < keaRun.records.size(); i++) {
            StepRecord record = keaRun.records.get(i);
            Optional<String> mismatch = unmetExpectation(record);
            if (mismatch.isPresent()) {
                String report = title + ": " + Outcome.KEA_UNEXPECTED.meaning + "\n"
                        + "step " + (i + 1) + ": " + record.step.describe() + "\n"
                        + "  " + mismatch.get() + "\n"
                        + "Kea's reply:\n" + single(record.observation) + record.observation.details()
                        + references(scenario) + steps(keaRun, null)
                        + "Kea's log for xid 0x" + HexFormat.of().toHexDigits(record.xid) + ":\n" + keaLog(record.xid);
                return new Verdict(Outcome.KEA_UNEXPECTED, "step " + (i + 1) + " " + record.step.kind().label + ": " + mismatch.get(),
                        report);
            }
        }
        if (leaseDesk.startFailure().isPresent()) {
            List<String> errorLines = leaseDesk.startFailure().get().lines().map(String::strip)
                    .filter(line -> line.startsWith("error at")).toList();
            String errors = errorLines.isEmpty() ? firstLine(leaseDesk.startFailure().get())
                    : "refuses the configuration: " + errorLines.getFirst()
                            + (errorLines.size() > 1 ? " (and " + (errorLines.size() - 1) + " more errors)" : "");
            return new Verdict(Outcome.LEASEDESK_DID_NOT_START, errors,
                    title + ": " + Outcome.LEASEDESK_DID_NOT_START.meaning + " (Kea served it)\n" + leaseDesk.startFailure().get());
        }
        ScenarioRun ldRun = leaseDesk.scenarios().get(scenario.name());
        boolean onPurpose = false;
        for (int i = 0; i < keaRun.records.size(); i++) {
            StepRecord keaStep = keaRun.records.get(i);
            StepRecord ldStep = ldRun.records.get(i);
            Optional<Step.OnPurpose> purpose = keaStep.step.onPurpose();
            List<String> differing = differingFields(keaStep.observation, ldStep.observation, purpose);
            String stepLine = "step " + (i + 1) + " " + keaStep.step.kind().label;
            if (!differing.isEmpty()) {
                return differs(title + ": " + Outcome.LEASEDESK_DIFFERS.meaning + " at step " + (i + 1) + " of " + keaRun.records.size(),
                        stepLine + ": " + summarise(keaStep.observation, ldStep.observation, differing), scenario, keaRun, ldRun, i,
                        differing);
            }
            if (purpose.isPresent()) {
                for (Map.Entry<String, String> documented : purpose.get().leaseDeskValues().entrySet()) {
                    String field = documented.getKey();
                    String keaValue = keaStep.observation.fields().get(field);
                    String ldValue = ldStep.observation.fields().get(field);
                    if (!documented.getValue().equals(ldValue)) {
                        return differs(title + ": LeaseDesk no longer does what differsOnPurpose documents (" + field + " = "
                                        + documented.getValue() + ": " + purpose.get().why() + ")",
                                stepLine + ": on-purpose " + field + " is " + orDash(ldValue) + ", documented " + documented.getValue(),
                                scenario, keaRun, ldRun, i, List.of(field));
                    }
                    if (documented.getValue().equals(keaValue)) {
                        return new Verdict(Outcome.KEA_UNEXPECTED, stepLine + ": Kea now agrees with the on-purpose difference in " + field,
                                title + ": Kea's " + field + " is " + keaValue + ", the value differsOnPurpose documents for LeaseDesk;"
                                        + " the annotation is stale\n" + steps(keaRun, ldRun));
                    }
                }
                onPurpose = true;
            }
        }
        if (onPurpose) {
            String why = keaRun.records.stream().flatMap(r -> r.step.onPurpose().stream())
                    .map(p -> String.join(", ", p.leaseDeskValues().keySet()) + ": " + p.why()).reduce((a, b) -> a + "; " + b).orElse("");
            return new Verdict(Outcome.AGREES_EXCEPT_ON_PURPOSE, "differs on purpose in " + why, title + ": " + why);
        }
        return new Verdict(Outcome.AGREES, "", title + ": " + Outcome.AGREES.meaning);
    }

    private Verdict differs(String headline, String oneLine, Scenario scenario, ScenarioRun keaRun, ScenarioRun ldRun, int index,
                            List<String> differing) {
        StepRecord keaStep = keaRun.records.get(index);
        StepRecord ldStep = ldRun.records.get(index);
        StringBuilder report = new StringBuilder(headline).append('\n');
        report.append("step ").append(index + 1).append(": ").append(keaStep.step.describe()).append('\n');
        report.append(sideBySide(keaStep.observation, ldStep.observation, differing));
        if (!keaStep.observation.details().isEmpty()) {
            report.append("  Kea:\n").append(keaStep.observation.details());
        }
        if (!ldStep.observation.details().isEmpty()) {
            report.append("  LeaseDesk:\n").append(ldStep.observation.details());
        }
        keaStep.step.onPurpose().ifPresent(p -> report.append("  (").append(String.join(", ", p.leaseDeskValues().keySet()))
                .append(" differ on purpose: ").append(p.why()).append(")\n"));
        report.append(references(scenario));
        report.append(steps(keaRun, ldRun));
        if (!keaRun.names.toString().isEmpty() || !ldRun.names.toString().isEmpty()) {
            report.append("names: Kea ").append(keaRun.names).append("; LeaseDesk ").append(ldRun.names).append('\n');
        }
        return new Verdict(Outcome.LEASEDESK_DIFFERS, oneLine, report.toString());
    }

    private static List<String> differingFields(Observation kea, Observation ld, Optional<Step.OnPurpose> purpose) {
        List<String> differing = new ArrayList<>();
        if (purpose.isPresent() && purpose.get().coversTheReply()) {
            return differing; // one replies and the other does not: nothing else to compare
        }
        if (!kea.reply().equals(ld.reply()) && (!kea.isMessage() || !ld.isMessage())) {
            differing.add(Observation.REPLY); // one replied and the other did not: the rest follows
            return differing;
        }
        for (String field : Observation.unionOfFields(kea, ld)) {
            if (purpose.isPresent() && purpose.get().leaseDeskValues().containsKey(field)) {
                continue;
            }
            if (!Objects.equals(kea.fields().get(field), ld.fields().get(field))) {
                differing.add(field);
            }
        }
        return differing;
    }

    private static String summarise(Observation kea, Observation ld, List<String> differing) {
        List<String> parts = new ArrayList<>();
        for (String field : differing.subList(0, Math.min(3, differing.size()))) {
            parts.add(field + " " + orDash(kea.fields().get(field)) + " vs " + orDash(ld.fields().get(field)));
        }
        if (differing.size() > 3) {
            parts.add("and " + (differing.size() - 3) + " more");
        }
        return String.join("; ", parts);
    }

    private static String sideBySide(Observation kea, Observation ld, List<String> differing) {
        StringBuilder table = new StringBuilder();
        String format = "  %-32s %-42s %s%s%n";
        table.append(String.format(format, "", "Kea 2.2", "LeaseDesk", ""));
        for (String field : Observation.unionOfFields(kea, ld)) {
            table.append(String.format(format, field, orDash(kea.fields().get(field)), orDash(ld.fields().get(field)),
                    differing.contains(field) ? "   <<" : ""));
        }
        return table.toString();
    }

    private static String single(Observation observation) {
        StringBuilder text = new StringBuilder();
        observation.fields().forEach((field, value) -> text.append(String.format("  %-32s %s%n", field, value)));
        return text.toString();
    }

    /** Every step with what each server answered, in one line each. */
    private static String steps(ScenarioRun keaRun, ScenarioRun ldRun) {
        StringBuilder text = new StringBuilder("steps:\n");
        for (int i = 0; i < keaRun.records.size(); i++) {
            StepRecord keaStep = keaRun.records.get(i);
            text.append(String.format("  %d. %s%n       Kea: %s%n", i + 1, keaStep.step.describe(), brief(keaStep.observation)));
            if (ldRun != null && i < ldRun.records.size()) {
                text.append(String.format("       LeaseDesk: %s%n", brief(ldRun.records.get(i).observation)));
            }
        }
        return text.toString();
    }

    private static String brief(Observation observation) {
        Map<String, String> fields = observation.fields();
        if (!fields.containsKey(Observation.YIADDR)) {
            return fields.get(Observation.REPLY);
        }
        return fields.get(Observation.REPLY) + " yiaddr " + fields.get(Observation.YIADDR) + " to " + fields.get(Observation.DESTINATION);
    }

    private static String references(Scenario scenario) {
        if (scenario.references().isEmpty()) {
            return "";
        }
        return "Kea's behaviour: " + String.join("; ", scenario.references()) + "\n";
    }

    private static Optional<String> unmetExpectation(StepRecord record) {
        Step.Expectation expectation = record.step.expectation();
        Observation observation = record.observation;
        if (!expectation.reply().equals(observation.reply())) {
            return Optional.of("expected " + expectation.reply() + ", Kea: " + observation.reply());
        }
        if (expectation.yiaddr().isPresent()) {
            String expected = expectation.yiaddr().get();
            String actual = observation.fields().get(Observation.YIADDR);
            boolean matches = actual != null && (actual.equals(expected) || actual.startsWith(expected + " (new"));
            if (!matches) {
                return Optional.of("expected yiaddr " + expected + ", Kea: " + actual);
            }
        }
        for (Map.Entry<String, String> field : record.step.expectedFields().entrySet()) {
            String actual = observation.fields().get(field.getKey());
            if (!field.getValue().equals(actual)) {
                return Optional.of("expected " + field.getKey() + " " + field.getValue() + ", Kea: " + orDash(actual));
            }
        }
        return Optional.empty();
    }

    private String keaLog(int xid) {
        String tid = "tid=0x" + Integer.toHexString(xid);
        StringBuilder lines = new StringBuilder();
        kea.log().lines().filter(line -> line.contains(tid)).forEach(line -> lines.append("  ").append(line).append('\n'));
        return lines.isEmpty() ? "  (nothing; -Dleasedesk.diff.keaDebug=true logs every decision)\n" : lines.toString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
