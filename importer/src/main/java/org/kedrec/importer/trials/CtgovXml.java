package org.kedrec.importer.trials;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.kedrec.core.Messages;
import org.kedrec.importer.ImportException;
import org.kedrec.importer.io.LineReader;

/**
 * A classic ClinicalTrials.gov record ({@code <clinical_study>}, as downloaded before the v2 API), read with the
 * JDK's StAX parser. External entities and DTDs are disabled.
 */
final class CtgovXml {
    record Study(String nct, String title, String officialTitle, String summary, String phase, String status,
            String whyStopped, List<String> conditions, List<String> interventions, List<String> conditionMeshTerms,
            List<String> interventionMeshTerms) {}

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    private CtgovXml() {}

    static Study read(Path file) {
        String nct = null;
        String title = null;
        String officialTitle = null;
        String summary = null;
        String phase = null;
        String status = null;
        String whyStopped = null;
        List<String> conditions = new ArrayList<>();
        List<String> interventions = new ArrayList<>();
        List<String> conditionMesh = new ArrayList<>();
        List<String> interventionMesh = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        if (path.isEmpty() && !xml.getLocalName().equals("clinical_study")) {
                            throw bad(file, "the root element is <" + xml.getLocalName() + ">, not <clinical_study>");
                        }
                        path.push(xml.getLocalName());
                        text.setLength(0);
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        text.append(xml.getText());
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        String name = path.pop();
                        String parent = path.peek();
                        String value = text.toString().strip();
                        text.setLength(0);
                        if (value.isEmpty()) {
                            continue;
                        }
                        switch (name) {
                            case "nct_id" -> nct = "id_info".equals(parent) && nct == null ? value : nct;
                            case "brief_title" -> title = value;
                            case "official_title" -> officialTitle = value;
                            case "textblock" -> summary = "brief_summary".equals(parent) ? value : summary;
                            case "phase" -> phase = value;
                            case "overall_status" -> status = value;
                            case "why_stopped" -> whyStopped = value;
                            case "condition" -> conditions.add(value);
                            case "intervention_name" -> interventions.add(value);
                            case "mesh_term" -> {
                                if ("condition_browse".equals(parent)) {
                                    conditionMesh.add(value);
                                } else if ("intervention_browse".equals(parent)) {
                                    interventionMesh.add(value);
                                }
                            }
                            default -> {
                                // Other elements (eligibility, locations, outcomes…) are not kept.
                            }
                        }
                    }
                }
            } finally {
                xml.close();
            }
        } catch (NoSuchFileException e) {
            throw LineReader.missing(file);
        } catch (IOException | XMLStreamException e) {
            throw new ImportException(LineReader.CORRUPT_FILE, Messages.format(
                    "%s is not a well-formed ClinicalTrials.gov XML record: %s. Download the record again.", file,
                    e.getMessage()), e);
        }
        if (nct == null) {
            throw bad(file, "it has no <id_info><nct_id>");
        }
        return new Study(nct, title, officialTitle, summary, phase, status, whyStopped, conditions, interventions,
                conditionMesh, interventionMesh);
    }

    private static ImportException bad(Path file, String detail) {
        return new ImportException(LineReader.CORRUPT_FILE, Messages.format(
                "%s is not a ClinicalTrials.gov XML record: %s. Pass <clinical_study> records only.", file, detail));
    }
}
