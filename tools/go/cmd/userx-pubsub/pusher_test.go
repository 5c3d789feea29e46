package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
	"google.golang.org/protobuf/types/known/durationpb"
)

const (
	testTopic      = "projects/p/topics/events"
	testDeadLetter = "projects/p/topics/events-dead-letter"
)

// fixture is a pstest server with the pusher running, as main wires them.
type fixture struct {
	t      *testing.T
	srv    *pstest.Server
	server *pstest.GServer
	ctx    context.Context
}

func newFixture(t *testing.T, opts pusherOptions) *fixture {
	t.Helper()
	registry := newSubscriptionRegistry()
	srv := pstest.NewServer(
		pstest.ServerReactorOption{FuncName: "CreateSubscription", Reactor: registry},
		pstest.ServerReactorOption{FuncName: "UpdateSubscription", Reactor: registry},
	)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() {
		cancel()
		_ = srv.Close()
	})
	f := &fixture{t: t, srv: srv, server: &srv.GServer, ctx: ctx}
	for _, topic := range []string{testTopic, testDeadLetter} {
		if _, err := f.server.CreateTopic(ctx, &pubsubpb.Topic{Name: topic}); err != nil {
			t.Fatal(err)
		}
	}
	go newPusher(f.server, registry, opts, log.New(io.Discard, "", 0)).run(ctx)
	return f
}

func testOptions() pusherOptions {
	return pusherOptions{maxInFlight: 8, pushTimeout: 2 * time.Second, pollInterval: 5 * time.Millisecond, lease: 60 * time.Second}
}

func (f *fixture) subscribe(sub *pubsubpb.Subscription) {
	f.t.Helper()
	if sub.Topic == "" {
		sub.Topic = testTopic
	}
	if _, err := f.server.CreateSubscription(f.ctx, sub); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) publish(data string, attributes map[string]string) string {
	f.t.Helper()
	resp, err := f.server.Publish(f.ctx, &pubsubpb.PublishRequest{Topic: testTopic, Messages: []*pubsubpb.PubsubMessage{{Data: []byte(data), Attributes: attributes}}})
	if err != nil {
		f.t.Fatal(err)
	}
	return resp.MessageIds[0]
}

func (f *fixture) eventually(what string, within time.Duration, done func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(within)
	for !done() {
		if time.Now().After(deadline) {
			f.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// endpoint records every push it receives and answers with the status answer
// returns for the attempt number (counted from 1).
type endpoint struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   []pushBody
	times    []time.Time
	*httptest.Server
}

func newEndpoint(t *testing.T, answer func(attempt int) int) *endpoint {
	e := &endpoint{}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body pushBody
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			t.Errorf("push body: %v", err)
		}
		e.mu.Lock()
		e.requests = append(e.requests, r)
		e.bodies = append(e.bodies, body)
		e.times = append(e.times, time.Now())
		attempt := len(e.requests)
		e.mu.Unlock()
		w.WriteHeader(answer(attempt))
	}))
	t.Cleanup(e.Close)
	return e
}

func (e *endpoint) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.requests)
}

func always(status int) func(int) int { return func(int) int { return status } }

func retryPolicy(minimum, maximum time.Duration) *pubsubpb.RetryPolicy {
	return &pubsubpb.RetryPolicy{MinimumBackoff: durationpb.New(minimum), MaximumBackoff: durationpb.New(maximum)}
}

func TestPushesAMessageAsABinaryCloudEventAndAcksIt(t *testing.T) {
	f := newFixture(t, testOptions())
	e := newEndpoint(t, always(http.StatusOK))
	f.subscribe(&pubsubpb.Subscription{Name: "projects/p/subscriptions/s", PushConfig: &pubsubpb.PushConfig{PushEndpoint: e.URL}})
	id := f.publish("hello", map[string]string{"type": "claim.created.v1"})

	f.eventually("the message acked", 5*time.Second, func() bool { return f.srv.Message(id).Acks == 1 })
	if e.count() != 1 {
		t.Fatalf("pushes: %d, want 1", e.count())
	}
	r, body := e.requests[0], e.bodies[0]
	for header, want := range map[string]string{
		"ce-id":          id,
		"ce-source":      "//pubsub.googleapis.com/" + testTopic,
		"ce-type":        "google.cloud.pubsub.topic.v1.messagePublished",
		"ce-specversion": "1.0",
		"content-type":   "application/json",
	} {
		if got := r.Header.Get(header); got != want {
			t.Errorf("%s: %q, want %q", header, got, want)
		}
	}
	if _, err := time.Parse(time.RFC3339Nano, r.Header.Get("ce-time")); err != nil {
		t.Errorf("ce-time: %v", err)
	}
	if data, _ := base64.StdEncoding.DecodeString(body.Message.Data); string(data) != "hello" {
		t.Errorf("data: %q", data)
	}
	if body.Message.MessageID != id || body.Message.MessageID_ != id || body.Message.PublishTime == "" || body.Message.PubTime_ != body.Message.PublishTime {
		t.Errorf("message ids and times: %+v", body.Message)
	}
	if body.Message.Attributes["type"] != "claim.created.v1" || body.Subscription != "projects/p/subscriptions/s" {
		t.Errorf("attributes or subscription: %+v", body)
	}
}

func TestRedeliversAfterTheRetryPolicyBackoffUntilAcked(t *testing.T) {
	f := newFixture(t, testOptions())
	e := newEndpoint(t, func(attempt int) int {
		if attempt <= 3 {
			return http.StatusInternalServerError
		}
		return http.StatusNoContent
	})
	f.subscribe(&pubsubpb.Subscription{
		Name:        "projects/p/subscriptions/s",
		PushConfig:  &pubsubpb.PushConfig{PushEndpoint: e.URL},
		RetryPolicy: retryPolicy(100*time.Millisecond, 250*time.Millisecond),
	})
	id := f.publish("x", nil)

	f.eventually("the message acked", 5*time.Second, func() bool { return f.srv.Message(id).Acks == 1 })
	if e.count() != 4 {
		t.Fatalf("pushes: %d, want 4", e.count())
	}
	// Backoffs 100, 200 and 250 (the cap) ms, less up to a tenth of jitter.
	for i, want := range []time.Duration{90, 180, 225} {
		if gap := e.times[i+1].Sub(e.times[i]); gap < want*time.Millisecond || gap > want*time.Millisecond+300*time.Millisecond {
			t.Errorf("gap before attempt %d: %v, want about %v ms", i+2, gap, want)
		}
	}
}

func TestDeadLettersAfterMaxDeliveryAttemptsCountedPerSubscription(t *testing.T) {
	f := newFixture(t, testOptions())
	failing := newEndpoint(t, always(http.StatusServiceUnavailable))
	healthy := newEndpoint(t, always(http.StatusOK))
	f.subscribe(&pubsubpb.Subscription{Name: "projects/p/subscriptions/inspect", Topic: testDeadLetter})
	// Two subscribers on the topic: pstest counts deliveries per message over
	// all of them, the pusher per subscription as Pub/Sub does.
	f.subscribe(&pubsubpb.Subscription{Name: "projects/p/subscriptions/healthy", PushConfig: &pubsubpb.PushConfig{PushEndpoint: healthy.URL}})
	f.subscribe(&pubsubpb.Subscription{
		Name:             "projects/p/subscriptions/failing",
		PushConfig:       &pubsubpb.PushConfig{PushEndpoint: failing.URL},
		RetryPolicy:      retryPolicy(10*time.Millisecond, 20*time.Millisecond),
		DeadLetterPolicy: &pubsubpb.DeadLetterPolicy{DeadLetterTopic: testDeadLetter, MaxDeliveryAttempts: 5},
	})
	id := f.publish("poison", map[string]string{"type": "x"})

	var forwarded []*pubsubpb.ReceivedMessage
	f.eventually("the message dead-lettered", 5*time.Second, func() bool {
		resp, err := f.server.Pull(f.ctx, &pubsubpb.PullRequest{Subscription: "projects/p/subscriptions/inspect", MaxMessages: 10, ReturnImmediately: true})
		if err != nil {
			t.Fatal(err)
		}
		forwarded = append(forwarded, resp.ReceivedMessages...)
		return len(forwarded) > 0
	})
	time.Sleep(100 * time.Millisecond)
	if failing.count() != 5 || healthy.count() != 1 {
		t.Fatalf("pushes: failing %d (want 5), healthy %d (want 1)", failing.count(), healthy.count())
	}
	for i, body := range failing.bodies {
		if body.DeliveryAttempt == nil || *body.DeliveryAttempt != i+1 {
			t.Errorf("push %d: deliveryAttempt %v, want %d", i+1, body.DeliveryAttempt, i+1)
		}
	}
	m := forwarded[0].Message
	if string(m.Data) != "poison" || m.Attributes["type"] != "x" ||
		m.Attributes["CloudPubSubDeadLetterSourceSubscription"] != "failing" ||
		m.Attributes["CloudPubSubDeadLetterSourceDeliveryCount"] != "5" ||
		m.Attributes["CloudPubSubDeadLetterSourceSubscriptionProject"] != "p" {
		t.Errorf("forwarded message: %+v", m)
	}
	if acks := f.srv.Message(id).Acks; acks != 2 {
		t.Errorf("acks of the original message: %d, want 2 (one per subscription)", acks)
	}
}

func TestRetryDisabledSubscriptionIsPushedOnce(t *testing.T) {
	f := newFixture(t, testOptions())
	e := newEndpoint(t, always(http.StatusInternalServerError))
	f.subscribe(&pubsubpb.Subscription{
		Name:        "projects/p/subscriptions/s",
		Labels:      map[string]string{onceLabel: "false"},
		PushConfig:  &pubsubpb.PushConfig{PushEndpoint: e.URL},
		RetryPolicy: retryPolicy(10*time.Millisecond, 10*time.Millisecond),
	})
	id := f.publish("x", nil)
	f.eventually("the message acked", 5*time.Second, func() bool { return f.srv.Message(id).Acks == 1 })
	time.Sleep(100 * time.Millisecond)
	if e.count() != 1 {
		t.Fatalf("pushes: %d, want 1", e.count())
	}
}

func TestCapsPushesInFlightPerSubscription(t *testing.T) {
	opts := testOptions()
	opts.maxInFlight = 3
	f := newFixture(t, opts)
	var inFlight, most atomic.Int32
	release := make(chan struct{})
	e := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		<-release
		inFlight.Add(-1)
	}))
	t.Cleanup(e.Close)
	f.subscribe(&pubsubpb.Subscription{Name: "projects/p/subscriptions/s", PushConfig: &pubsubpb.PushConfig{PushEndpoint: e.URL}})
	var ids []string
	for range 10 {
		ids = append(ids, f.publish("x", nil))
	}
	f.eventually("3 pushes in flight", 5*time.Second, func() bool { return inFlight.Load() == 3 })
	time.Sleep(100 * time.Millisecond)
	close(release)
	f.eventually("every message acked", 5*time.Second, func() bool {
		for _, id := range ids {
			if f.srv.Message(id).Acks != 1 {
				return false
			}
		}
		return true
	})
	if most.Load() != 3 {
		t.Fatalf("most pushes in flight: %d, want 3", most.Load())
	}
}

func TestAPushThatTimesOutIsRedelivered(t *testing.T) {
	opts := testOptions()
	opts.pushTimeout = 100 * time.Millisecond
	f := newFixture(t, opts)
	e := newEndpoint(t, func(attempt int) int {
		if attempt == 1 {
			time.Sleep(300 * time.Millisecond)
		}
		return http.StatusOK
	})
	f.subscribe(&pubsubpb.Subscription{
		Name:        "projects/p/subscriptions/s",
		PushConfig:  &pubsubpb.PushConfig{PushEndpoint: e.URL},
		RetryPolicy: retryPolicy(10*time.Millisecond, 10*time.Millisecond),
	})
	id := f.publish("x", nil)
	f.eventually("the message acked", 5*time.Second, func() bool { return f.srv.Message(id).Acks == 1 })
	if e.count() != 2 {
		t.Fatalf("pushes: %d, want 2", e.count())
	}
}
