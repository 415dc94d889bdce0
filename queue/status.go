package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Status is the state of the queue: how many jobs are in each state, and
// the jobs that failed.
type Status struct {
	// Counts holds the number of jobs of each state that has any
	// (available, scheduled, running, retryable, completed, discarded,
	// cancelled, pending).
	Counts map[string]int `json:"counts"`
	// Failed are the jobs discarded or cancelled, and those waiting to be
	// tried again, newest first.
	Failed []FailedJob `json:"failed"`
}

// FailedJob is a job that failed: its article, state, attempts and last
// error.
type FailedJob struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	State       string    `json:"state"`
	Name        string    `json:"name"` // the article's (ArticleArgs.Name), or the job kind's
	Attempt     int       `json:"attempt"`
	MaxAttempts int       `json:"max_attempts"`
	Error       string    `json:"error"`
	At          time.Time `json:"at"` // when the last error happened
}

// Unfinished returns the number of jobs not yet completed, discarded or
// cancelled.
func (s *Status) Unfinished() int {
	n := 0
	for state, c := range s.Counts {
		switch rivertype.JobState(state) {
		case rivertype.JobStateCompleted, rivertype.JobStateDiscarded, rivertype.JobStateCancelled:
		default:
			n += c
		}
	}
	return n
}

// Status returns the counts of jobs by state and up to limit failed jobs
// (zero: 100). A database with no queue is ENOTFOUND.
func (q *Queue) Status(ctx context.Context, limit int) (*Status, error) {
	if limit <= 0 {
		limit = 100
	}
	st := &Status{Counts: map[string]int{}}
	rows, err := q.pool.Query(ctx, `SELECT state::text, count(*) FROM river_job GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", noQueue(err))
	}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("jobs: %w", err)
		}
		st.Counts[state] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("jobs: %w", noQueue(err))
	}
	params := river.NewJobListParams().
		States(rivertype.JobStateDiscarded, rivertype.JobStateCancelled, rivertype.JobStateRetryable).
		OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit)
	res, err := q.client.JobList(ctx, params)
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	for _, j := range res.Jobs {
		f := FailedJob{ID: j.ID, Kind: j.Kind, State: string(j.State), Name: j.Kind, Attempt: j.Attempt, MaxAttempts: j.MaxAttempts}
		if j.Kind == (ArticleArgs{}).Kind() {
			var a ArticleArgs
			if err := json.Unmarshal(j.EncodedArgs, &a); err == nil {
				f.Name = a.Name()
			}
		}
		if n := len(j.Errors); n > 0 {
			f.Error, f.At = j.Errors[n-1].Error, j.Errors[n-1].At
		}
		st.Failed = append(st.Failed, f)
	}
	return st, nil
}

// Wait returns once no job is left to run (Status.Unfinished is zero),
// looking every poll, or ctx's error.
func (q *Queue) Wait(ctx context.Context, poll time.Duration) error {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		var n int
		err := q.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state NOT IN ('completed', 'discarded', 'cancelled')`).Scan(&n)
		if err != nil {
			return fmt.Errorf("jobs: %w", noQueue(err))
		}
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
