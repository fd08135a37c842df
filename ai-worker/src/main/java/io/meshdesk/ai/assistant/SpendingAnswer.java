package io.meshdesk.ai.assistant;

import io.meshdesk.api.ai.v1.CitedFigure;
import java.util.List;

/**
 * An answer with the exact ledger figures it cites.
 *
 * @param text plain-language answer
 * @param figures the figures, each computed from ledger data
 * @param drafter who phrased it ("offline" for the rule-based phrasing)
 */
public record SpendingAnswer(String text, List<CitedFigure> figures, String drafter) {}
