package main

import (
	"math/rand/v2"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
)

// Pub/Sub's defaults for a RetryPolicy that leaves a bound unset.
const (
	defaultMinBackoff = 10 * time.Second
	defaultMaxBackoff = 600 * time.Second
)

// retryBackoff is how long a message waits before delivery attempt number
// attempt+1, after attempt failed: the subscription's RetryPolicy doubled per
// attempt from its minimum to its maximum, as Pub/Sub's exponential backoff,
// with up to a tenth taken off so that a burst of failures is not redelivered
// in one burst again. jitter is a number in [0, 1).
func retryBackoff(policy *pubsubpb.RetryPolicy, attempt int, jitter float64) time.Duration {
	minimum, maximum := defaultMinBackoff, defaultMaxBackoff
	if d := policy.GetMinimumBackoff(); d != nil {
		minimum = d.AsDuration()
	}
	if d := policy.GetMaximumBackoff(); d != nil {
		maximum = d.AsDuration()
	}
	if maximum < minimum {
		maximum = minimum
	}
	backoff := minimum
	for i := 1; i < attempt && backoff < maximum; i++ {
		backoff *= 2
	}
	backoff = min(backoff, maximum)
	backoff -= time.Duration(float64(backoff) * 0.1 * jitter)
	return max(backoff, minimum)
}

func randomJitter() float64 { return rand.Float64() }
