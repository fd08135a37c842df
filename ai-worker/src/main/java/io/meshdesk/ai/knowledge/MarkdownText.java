package io.meshdesk.ai.knowledge;

/**
 * Removes fenced code blocks and reduces links and images to their text in one left-to-right pass
 * whose work is linear in the input length, whatever the input (no backtracking regex: an article
 * full of unclosed brackets or fences must not cost quadratic CPU).
 */
final class MarkdownText {

  private MarkdownText() {}

  /**
   * The text with each {@code ```...```} block replaced by a space and {@code [t](u)} by {@code t}.
   */
  static String withoutFencesAndLinks(CharSequence in) {
    int n = in.length();
    StringBuilder out = new StringBuilder(n);
    // Next positions of ']' , ')' and a fence at or after the scan point; -1 once none remain.
    int nextBracket = 0;
    int nextParen = 0;
    int nextFence = fence(in, 0);
    int i = 0;
    while (i < n) {
      char c = in.charAt(i);
      if (c == '`' && nextFence >= 0) {
        if (nextFence < i) {
          nextFence = fence(in, i);
        }
        if (nextFence == i) {
          int close = fence(in, i + 3);
          if (close < 0) {
            nextFence = -1; // no closing fence anywhere after: nothing more is a fenced block
          } else {
            out.append(' ');
            i = close + 3;
            continue;
          }
        }
      }
      int open = c == '[' ? i : (c == '!' && i + 1 < n && in.charAt(i + 1) == '[' ? i + 1 : -1);
      if (open >= 0 && nextBracket >= 0) {
        if (nextBracket <= open) {
          nextBracket = next(in, ']', open + 1);
        }
        if (nextBracket >= 0
            && nextBracket + 1 < n
            && in.charAt(nextBracket + 1) == '('
            && nextParen >= 0) {
          if (nextParen <= nextBracket + 1) {
            nextParen = next(in, ')', nextBracket + 2);
          }
          if (nextParen >= 0) {
            out.append(in, open + 1, nextBracket);
            i = nextParen + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static int next(CharSequence in, char wanted, int from) {
    for (int j = from; j < in.length(); j++) {
      if (in.charAt(j) == wanted) {
        return j;
      }
    }
    return -1;
  }

  private static int fence(CharSequence in, int from) {
    int run = 0;
    for (int j = from; j < in.length(); j++) {
      run = in.charAt(j) == '`' ? run + 1 : 0;
      if (run == 3) {
        return j - 2;
      }
    }
    return -1;
  }
}
