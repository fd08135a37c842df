package io.meshdesk.ticket.domain;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextPageToken where the next page starts ({@code ""}: this is the last page)
 */
public record Page<T>(List<T> items, String nextPageToken) {

  public Page {
    items = List.copyOf(items);
  }
}
