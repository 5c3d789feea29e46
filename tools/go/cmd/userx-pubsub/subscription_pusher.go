package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// subscriptionPusher runs the deliveries of one push subscription: at most
// maxInFlight pushes at a time (a burst of messages must not start dozens of
// function workers at once), a message pulled only when a push slot is free.
type subscriptionPusher struct {
	pusher *pusher
	name   string
	config atomic.Pointer[pushConfig]
	slots  chan struct{}
	cancel context.CancelFunc

	mu   sync.Mutex
	held map[string]bool // ack ids of the messages pulled and not yet acked
}

func (s *subscriptionPusher) start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	s.cancel = cancel
	go s.pullLoop(ctx)
	go s.keepLeases(ctx)
}

// stop ends the deliveries; the messages held go back to the subscription
// when their lease lapses.
func (s *subscriptionPusher) stop() { s.cancel() }

func (s *subscriptionPusher) pullLoop(ctx context.Context) {
	for {
		if !s.acquire(ctx) {
			return
		}
		resp, err := s.pusher.server.Pull(ctx, &pubsubpb.PullRequest{Subscription: s.name, MaxMessages: 1, ReturnImmediately: true})
		if err != nil || len(resp.GetReceivedMessages()) == 0 {
			s.release()
			if status.Code(err) == codes.NotFound || !sleepCtx(ctx, s.pusher.opts.pollInterval) {
				return
			}
			continue
		}
		received := resp.GetReceivedMessages()[0]
		s.hold(ctx, received.GetAckId())
		go s.deliver(ctx, received)
	}
}

// deliver pushes one message until it is acknowledged, forwarded to the
// dead-letter topic, or the subscription stops. It owns a push slot on entry.
func (s *subscriptionPusher) deliver(ctx context.Context, received *pubsubpb.ReceivedMessage) {
	msg, ackID := received.GetMessage(), received.GetAckId()
	for attempt := 1; ; attempt++ {
		cfg := s.config.Load()
		ok, failure := s.pusher.push(ctx, s.name, cfg, msg, attempt)
		s.release()
		if ctx.Err() != nil {
			return
		}
		if ok || cfg.once {
			if !ok {
				s.pusher.log.Printf("push failed, not retried (retry disabled): subscription=%s message=%s attempt=%d: %s", s.name, msg.GetMessageId(), attempt, failure)
			}
			s.ack(ctx, ackID)
			return
		}
		if max := cfg.deadLetter.GetMaxDeliveryAttempts(); cfg.deadLetter != nil && attempt >= int(max) {
			s.pusher.log.Printf("push failed, dead-lettered to %s: subscription=%s message=%s attempt=%d: %s", cfg.deadLetter.GetDeadLetterTopic(), s.name, msg.GetMessageId(), attempt, failure)
			if err := s.pusher.deadLetter(ctx, s.name, cfg, msg, attempt); err != nil {
				// Kept and retried as Pub/Sub does when it cannot forward.
				s.pusher.log.Printf("dead-lettering failed, keeps retrying: subscription=%s message=%s: %v", s.name, msg.GetMessageId(), err)
			} else {
				s.ack(ctx, ackID)
				return
			}
		}
		backoff := retryBackoff(cfg.retry, attempt, randomJitter())
		s.pusher.log.Printf("push failed: subscription=%s message=%s attempt=%d: %s; next attempt in %s", s.name, msg.GetMessageId(), attempt, failure, backoff.Round(time.Millisecond))
		if !sleepCtx(ctx, backoff) || !s.acquire(ctx) {
			return
		}
	}
}

func (s *subscriptionPusher) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *subscriptionPusher) release() { <-s.slots }

// hold takes a pulled message over: its ack deadline is set to the lease at
// once, since the first push alone may outlast the subscription's deadline
// (a function worker can take a minute to boot).
func (s *subscriptionPusher) hold(ctx context.Context, ackID string) {
	s.mu.Lock()
	s.held[ackID] = true
	s.mu.Unlock()
	s.extend(ctx, []string{ackID})
}

func (s *subscriptionPusher) ack(ctx context.Context, ackID string) {
	s.mu.Lock()
	delete(s.held, ackID)
	s.mu.Unlock()
	_, err := s.pusher.server.Acknowledge(ctx, &pubsubpb.AcknowledgeRequest{Subscription: s.name, AckIds: []string{ackID}})
	if err != nil && status.Code(err) != codes.NotFound {
		s.pusher.log.Printf("ack failed: subscription=%s ack id=%s: %v", s.name, ackID, err)
	}
}

// keepLeases extends the ack deadline of every held message well before it
// lapses.
func (s *subscriptionPusher) keepLeases(ctx context.Context) {
	ticker := time.NewTicker(s.pusher.opts.lease / 3)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		s.mu.Lock()
		ackIDs := make([]string, 0, len(s.held))
		for id := range s.held {
			ackIDs = append(ackIDs, id)
		}
		s.mu.Unlock()
		if len(ackIDs) > 0 {
			s.extend(ctx, ackIDs)
		}
	}
}

func (s *subscriptionPusher) extend(ctx context.Context, ackIDs []string) {
	seconds := int32(s.pusher.opts.lease / time.Second)
	_, err := s.pusher.server.ModifyAckDeadline(ctx, &pubsubpb.ModifyAckDeadlineRequest{Subscription: s.name, AckIds: ackIDs, AckDeadlineSeconds: seconds})
	if err != nil && status.Code(err) != codes.NotFound {
		s.pusher.log.Printf("lease extension failed: subscription=%s: %v", s.name, err)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
