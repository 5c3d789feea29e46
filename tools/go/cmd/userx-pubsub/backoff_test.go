package main

import (
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/protobuf/types/known/durationpb"
)

func TestRetryBackoffDoublesFromMinimumToMaximum(t *testing.T) {
	policy := &pubsubpb.RetryPolicy{MinimumBackoff: durationpb.New(10 * time.Second), MaximumBackoff: durationpb.New(600 * time.Second)}
	want := []time.Duration{10, 20, 40, 80, 160, 320, 600, 600}
	for i, w := range want {
		if got := retryBackoff(policy, i+1, 0); got != w*time.Second {
			t.Errorf("attempt %d: backoff %v, want %v", i+1, got, w*time.Second)
		}
	}
}

func TestRetryBackoffJitterStaysWithinPolicy(t *testing.T) {
	policy := &pubsubpb.RetryPolicy{MinimumBackoff: durationpb.New(10 * time.Second), MaximumBackoff: durationpb.New(600 * time.Second)}
	if got := retryBackoff(policy, 2, 0.999); got < 18*time.Second || got >= 20*time.Second {
		t.Errorf("attempt 2 with jitter: %v, want in [18 s, 20 s)", got)
	}
	if got := retryBackoff(policy, 1, 0.999); got != 10*time.Second {
		t.Errorf("attempt 1 with jitter: %v, want the 10 s minimum", got)
	}
}

func TestRetryBackoffWithoutPolicyUsesPubSubDefaults(t *testing.T) {
	if got := retryBackoff(nil, 1, 0); got != defaultMinBackoff {
		t.Errorf("backoff %v, want %v", got, defaultMinBackoff)
	}
	if got := retryBackoff(nil, 50, 0); got != defaultMaxBackoff {
		t.Errorf("backoff %v, want %v", got, defaultMaxBackoff)
	}
}
