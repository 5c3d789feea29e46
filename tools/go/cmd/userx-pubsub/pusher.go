package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/pubsub/v2/apiv1/pubsubpb"
	"cloud.google.com/go/pubsub/v2/pstest"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The pusher delivers the messages of every push subscription to its endpoint
// as Eventarc delivers a Pub/Sub event to a 2nd-gen function: one HTTP POST
// per message, a binary-mode CloudEvent whose body is Pub/Sub's push body.
// A 102, 200, 201, 202 or 204 acknowledges the message; any other answer, a
// connection error or a timeout is a failure, and the message is delivered
// again after the subscription's RetryPolicy backoff, until its
// DeadLetterPolicy's maxDeliveryAttempts, when it is forwarded to the
// dead-letter topic as Pub/Sub forwards it.
//
// A message is pulled once and then held by the pusher until it is acked or
// forwarded: its ack deadline is kept extended (a lease, as the client
// libraries keep one) and the pusher redelivers it itself. pstest deletes any
// message published more than 10 minutes ago whose ack deadline lapses, so a
// message waiting out a backoff must never lapse, or a subscriber failing for
// longer than 10 minutes would lose it.
type pusher struct {
	server      *pstest.GServer
	registry    *subscriptionRegistry
	client      *http.Client
	maxInFlight int
	opts        pusherOptions
	log         *log.Logger

	mu   sync.Mutex
	subs map[string]*subscriptionPusher
}

type pusherOptions struct {
	maxInFlight  int           // pushes in flight per subscription
	pushTimeout  time.Duration // how long one push may take before it counts as failed
	pollInterval time.Duration // how often an idle subscription is pulled
	lease        time.Duration // the ack deadline a held message is kept at
}

// successStatuses are the answers Pub/Sub push takes as an acknowledgement.
var successStatuses = map[int]bool{102: true, 200: true, 201: true, 202: true, 204: true}

// onceLabel marks a subscription whose subscriber has retry disabled
// (cloud-resources.json's `retry: false`): each message is pushed once and
// acknowledged whatever the answer, as Eventarc does for such a function.
const onceLabel = "userx-retry"

var pusherDefaults = pusherOptions{maxInFlight: 8, pushTimeout: 600 * time.Second, pollInterval: 20 * time.Millisecond, lease: 60 * time.Second}

func newPusher(server *pstest.GServer, registry *subscriptionRegistry, opts pusherOptions, logger *log.Logger) *pusher {
	return &pusher{
		server:   server,
		registry: registry,
		// A connection per push: the Functions emulator closes idle
		// connections after 5 s, and a POST written into one it has just
		// closed would count as a failed delivery.
		client:      &http.Client{Timeout: opts.pushTimeout, Transport: &http.Transport{DisableKeepAlives: true}},
		maxInFlight: opts.maxInFlight,
		log:         logger,
		subs:        map[string]*subscriptionPusher{},
		opts:        opts,
	}
}

// run keeps a delivery loop going for every push subscription until ctx ends.
// It looks again whenever a subscription is created or updated, and every
// second for the ones deleted.
func (p *pusher) run(ctx context.Context) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		p.sync(ctx)
		select {
		case <-ctx.Done():
			return
		case <-p.registry.changed:
		case <-ticker.C:
		}
	}
}

func (p *pusher) sync(ctx context.Context) {
	for _, name := range p.registry.names() {
		sub, err := p.server.GetSubscription(ctx, &pubsubpb.GetSubscriptionRequest{Subscription: name})
		if status.Code(err) == codes.NotFound {
			p.registry.forget(name)
		} else if err != nil {
			continue
		}
		p.mu.Lock()
		running := p.subs[name]
		endpoint := sub.GetPushConfig().GetPushEndpoint()
		switch {
		case endpoint == "" && running != nil:
			running.stop()
			delete(p.subs, name)
		case endpoint != "" && running == nil:
			running = &subscriptionPusher{pusher: p, name: name, slots: make(chan struct{}, p.maxInFlight), held: map[string]bool{}}
			running.config.Store(p.configOf(sub))
			p.subs[name] = running
			running.start(ctx)
		case endpoint != "":
			running.config.Store(p.configOf(sub))
		}
		p.mu.Unlock()
	}
}

func (p *pusher) configOf(sub *pubsubpb.Subscription) *pushConfig {
	return &pushConfig{
		endpoint:   sub.GetPushConfig().GetPushEndpoint(),
		topic:      sub.GetTopic(),
		retry:      sub.GetRetryPolicy(),
		deadLetter: p.registry.deadLetterPolicy(sub.GetName()),
		once:       sub.GetLabels()[onceLabel] == "false",
	}
}

type pushConfig struct {
	endpoint   string
	topic      string
	retry      *pubsubpb.RetryPolicy
	deadLetter *pubsubpb.DeadLetterPolicy
	once       bool
}

// pushBody is Pub/Sub's push request body, which Eventarc passes on as the
// CloudEvent's data; the message fields come in both spellings, as Pub/Sub
// sends them.
type pushBody struct {
	Message         pushMessage `json:"message"`
	Subscription    string      `json:"subscription"`
	DeliveryAttempt *int        `json:"deliveryAttempt,omitempty"`
}

type pushMessage struct {
	Data        string            `json:"data,omitempty"`
	Attributes  map[string]string `json:"attributes,omitempty"`
	MessageID   string            `json:"messageId"`
	MessageID_  string            `json:"message_id"`
	PublishTime string            `json:"publishTime"`
	PubTime_    string            `json:"publish_time"`
	OrderingKey string            `json:"orderingKey,omitempty"`
}

// push makes one delivery attempt and says whether the endpoint took it.
func (p *pusher) push(ctx context.Context, subscription string, cfg *pushConfig, msg *pubsubpb.PubsubMessage, attempt int) (bool, string) {
	publishTime := msg.GetPublishTime().AsTime().UTC().Format(time.RFC3339Nano)
	body := pushBody{
		Message: pushMessage{
			Data:        base64.StdEncoding.EncodeToString(msg.GetData()),
			Attributes:  msg.GetAttributes(),
			MessageID:   msg.GetMessageId(),
			MessageID_:  msg.GetMessageId(),
			PublishTime: publishTime,
			PubTime_:    publishTime,
			OrderingKey: msg.GetOrderingKey(),
		},
		Subscription: subscription,
	}
	if cfg.deadLetter != nil {
		body.DeliveryAttempt = &attempt
	}
	encoded, err := json.Marshal(body)
	if err != nil {
		return false, err.Error()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.endpoint, bytes.NewReader(encoded))
	if err != nil {
		return false, err.Error()
	}
	req.Header.Set("content-type", "application/json")
	req.Header.Set("ce-id", msg.GetMessageId())
	req.Header.Set("ce-source", "//pubsub.googleapis.com/"+cfg.topic)
	req.Header.Set("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
	req.Header.Set("ce-specversion", "1.0")
	req.Header.Set("ce-time", publishTime)
	resp, err := p.client.Do(req)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	excerpt, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	if successStatuses[resp.StatusCode] {
		return true, ""
	}
	return false, fmt.Sprintf("status %d %s", resp.StatusCode, strings.TrimSpace(strings.ReplaceAll(string(excerpt), "\n", " ")))
}

// deadLetter forwards a message to the dead-letter topic with the attributes
// Pub/Sub adds when it forwards one.
func (p *pusher) deadLetter(ctx context.Context, subscription string, cfg *pushConfig, msg *pubsubpb.PubsubMessage, attempts int) error {
	attributes := map[string]string{}
	for k, v := range msg.GetAttributes() {
		attributes[k] = v
	}
	project, _, _ := strings.Cut(strings.TrimPrefix(subscription, "projects/"), "/")
	attributes["CloudPubSubDeadLetterSourceDeliveryCount"] = strconv.Itoa(attempts)
	attributes["CloudPubSubDeadLetterSourceSubscription"] = subscription[strings.LastIndex(subscription, "/")+1:]
	attributes["CloudPubSubDeadLetterSourceSubscriptionProject"] = project
	attributes["CloudPubSubDeadLetterSourceTopicPublishTime"] = msg.GetPublishTime().AsTime().UTC().Format(time.RFC3339Nano)
	_, err := p.server.Publish(ctx, &pubsubpb.PublishRequest{
		Topic:    cfg.deadLetter.GetDeadLetterTopic(),
		Messages: []*pubsubpb.PubsubMessage{{Data: msg.GetData(), Attributes: attributes, OrderingKey: msg.GetOrderingKey()}},
	})
	return err
}
