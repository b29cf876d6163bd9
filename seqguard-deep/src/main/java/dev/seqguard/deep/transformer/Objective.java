package dev.seqguard.deep.transformer;

/** What the behaviour language model learns to predict during pre-training. */
public enum Objective {
    /**
     * BERT-style: a share of the events is hidden and predicted from the events on both sides (Devlin et al., "BERT:
     * Pre-training of Deep Bidirectional Transformers for Language Understanding", NAACL 2019; for logs, Guo et al.,
     * "LogBERT: Log Anomaly Detection via BERT", IJCNN 2021). Scoring hides the events in interleaved groups.
     */
    MASKED_EVENT,
    /** GPT-style: each event is predicted from the events before it only, with a causal attention mask. One pass. */
    NEXT_EVENT
}
