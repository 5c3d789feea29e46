package main

import (
	"slices"
	"sync"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
)

// subscriptionRegistry reacts to every CreateSubscription and
// UpdateSubscription request before pstest handles it. It remembers the name
// of every subscription created, in any project, so that the pusher can find
// the push subscriptions; and it takes each subscription's DeadLetterPolicy
// for the pusher to apply, away from pstest. pstest counts a message's
// deliveries across all the subscriptions of its topic (one counter per
// message), so with several subscribers on a topic it would dead-letter a
// message from one of them before that one had its maxDeliveryAttempts. So
// GetSubscription shows no DeadLetterPolicy here, and the dead-letter topic is
// checked only when a message is forwarded to it.
//
// A reactor runs with pstest's lock held, so it must not call pstest.
type subscriptionRegistry struct {
	mu          sync.Mutex
	deadLetters map[string]*pubsubpb.DeadLetterPolicy // by subscription name; nil: none
	changed     chan struct{}
}

func newSubscriptionRegistry() *subscriptionRegistry {
	return &subscriptionRegistry{deadLetters: map[string]*pubsubpb.DeadLetterPolicy{}, changed: make(chan struct{}, 1)}
}

func (r *subscriptionRegistry) React(req any) (handled bool, ret any, err error) {
	switch req := req.(type) {
	case *pubsubpb.Subscription: // CreateSubscription
		raiseAckDeadline(req)
		r.record(req.GetName(), req.GetDeadLetterPolicy())
		req.DeadLetterPolicy = nil
	case *pubsubpb.UpdateSubscriptionRequest:
		raiseAckDeadline(req.GetSubscription())
		if slices.Contains(req.GetUpdateMask().GetPaths(), "dead_letter_policy") {
			r.record(req.GetSubscription().GetName(), req.GetSubscription().GetDeadLetterPolicy())
			req.Subscription.DeadLetterPolicy = nil
		}
	}
	return false, nil, nil
}

func (r *subscriptionRegistry) record(name string, policy *pubsubpb.DeadLetterPolicy) {
	r.mu.Lock()
	r.deadLetters[name] = policy
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// names lists every subscription created so far, deleted ones included.
func (r *subscriptionRegistry) names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.deadLetters))
	for name := range r.deadLetters {
		names = append(names, name)
	}
	return names
}

func (r *subscriptionRegistry) deadLetterPolicy(name string) *pubsubpb.DeadLetterPolicy {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.deadLetters[name]
}

func (r *subscriptionRegistry) forget(name string) {
	r.mu.Lock()
	delete(r.deadLetters, name)
	r.mu.Unlock()
}

// defaultAckDeadlineSeconds is what Pub/Sub uses when a subscription is
// created without an ack deadline, and the smallest one pstest accepts.
const defaultAckDeadlineSeconds = 10

// raiseAckDeadline raises a subscription's ack deadline to 10 s when a create
// or update request asks for less. The Node client sends 0 when no deadline is
// configured, which the real service takes as "use the default (10 s)", but
// pstest rejects any deadline below 10 s.
func raiseAckDeadline(sub *pubsubpb.Subscription) {
	if sub != nil && sub.AckDeadlineSeconds < defaultAckDeadlineSeconds {
		sub.AckDeadlineSeconds = defaultAckDeadlineSeconds
	}
}
