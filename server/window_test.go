package server

import "testing"

// TestTimelineWindow: a window of a timeline shares its events, cannot
// append to them and leaves the timeline as it was.
func TestTimelineWindow(t *testing.T) {
	tl := &Timeline{Events: make([]TimelineEvent, 5), Total: 5}
	for i := range tl.Events {
		tl.Events[i].ArticleID = int64(i + 1)
	}
	for _, tc := range []struct {
		name          string
		offset, limit int
		want          []int64 // the article IDs of the window's events
	}{
		{"all", 0, 500, []int64{1, 2, 3, 4, 5}},
		{"first", 0, 2, []int64{1, 2}},
		{"middle", 1, 3, []int64{2, 3, 4}},
		{"tail", 3, 100, []int64{4, 5}},
		{"at the end", 5, 10, []int64{}},
		{"past the end", 9, 10, []int64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := tl.window(tc.offset, tc.limit)
			if w.Total != 5 || len(w.Events) != len(tc.want) || cap(w.Events) != len(w.Events) || w.Events == nil {
				t.Fatalf("total %d, %d events (cap %d), want 5, %d (cap %[3]d)", w.Total, len(w.Events), cap(w.Events), len(tc.want))
			}
			for i, id := range tc.want {
				if w.Events[i].ArticleID != id {
					t.Errorf("event %d: article %d, want %d", i, w.Events[i].ArticleID, id)
				}
			}
			if len(w.Events) > 0 && &w.Events[0] != &tl.Events[tc.offset] {
				t.Errorf("the window copied the events")
			}
			_ = append(w.Events, TimelineEvent{ArticleID: 99})
			if len(tl.Events) != 5 || tl.Events[4].ArticleID != 5 || (len(w.Events) > 0 && tc.offset+len(w.Events) < 5 && tl.Events[tc.offset+len(w.Events)].ArticleID == 99) {
				t.Errorf("the timeline changed: %+v", tl.Events)
			}
		})
	}
}
