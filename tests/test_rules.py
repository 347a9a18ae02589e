"""Extraction rules on sentences written for these tests (not from the sample).

Each case is one way papers name things: the rule that catches it should
catch the next paper written the same way, whatever its field.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest

from extract.entry import Entry

TITLE = "A Study of Things"


def _extract(extractor: Any, abstract: str, title: str = TITLE) -> dict[str, Any]:
    record = extractor.process(Entry("rules", 0, 1, title, abstract))
    assert isinstance(record, dict), record
    return record


def _names(record: dict[str, Any], field: str) -> set[str]:
    return {form for entity in record[field] for form in [entity["name"], *entity["aliases"]]}


def _proposed(record: dict[str, Any], name: str) -> Optional[bool]:
    for entity in record["methods"]:
        if name == entity["name"] or name in entity["aliases"]:
            return entity["proposed"]
    return None


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We propose HeliosNet, a lightweight detector for solar flares.", "HeliosNet"),
        ("We introduce a retrieval module, termed FlashIndex, that scales to billions of items.", "FlashIndex"),
        ("A multivariate extension of the mapping, referred to as QMap-T, is proposed.", "QMap-T"),
        ("This paper presents CropSeg: a segmentation model for farmland imagery.", "CropSeg"),
        ("Our method, PolyGrasp, learns grasp poses from point clouds.", "PolyGrasp"),
        ("We call this procedure Gradient Echo Sampling and analyse its variance.", "Gradient Echo Sampling"),
        ("A Contrastive Trajectory Encoder (CTE) is trained on driving logs. CTE improves planning.", "CTE"),
    ],
)
def test_names_a_paper_coins_are_proposed_methods(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is True


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We compare against BERT and RoBERTa fine-tuned with LoRA.", "RoBERTa"),
        ("Baselines include Qwen2.5-7B-Instruct and Llama-3.1-8B.", "Qwen2.5-7B-Instruct"),
        ("Policies are trained with PPO in simulation.", "PPO"),
        ("Fine-tuning with DPO exceeds PPO-based RLHF in controlling sentiment.", "PPO"),
        ("We replace the BERT-style encoder with a smaller one.", "BERT"),
    ],
)
def test_known_methods_are_found_and_not_proposed(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is False


@pytest.mark.parametrize(
    ("abstract", "field", "name"),
    [
        ("We evaluate on the ScanNet benchmark and on ImageNet.", "datasets", "ScanNet"),
        ("Results on CIFAR-100 and Tiny-ImageNet confirm the gains.", "datasets", "CIFAR-100"),
        ("We release OceanBench, a suite of ocean forecasting tasks.", "datasets", "OceanBench"),
        ("The model improves top-1 accuracy by 2.3% over the baseline.", "metrics", "top-1 accuracy"),
        ("It is competitive in terms of BLEU and chrF.", "metrics", "BLEU"),
        ("We report a word error rate of 4.1% on the test set.", "metrics", "word error rate"),
        ("Named entity recognition remains hard in low-resource languages.", "tasks", "Named entity recognition"),
        ("We study video depth estimation for handheld cameras.", "tasks", "video depth estimation"),
        ("It improves response quality in summarization and dialogue.", "tasks", "summarization"),
        ("Accuracy rises on GSM8K and ARC-challenge.", "datasets", "ARC-challenge"),
        ("The detector runs at 5 fps on a laptop.", "metrics", "fps"),
    ],
)
def test_datasets_metrics_and_tasks_by_name_and_context(extractor: Any, abstract: str, field: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), field)


@pytest.mark.parametrize(
    ("abstract", "field", "absent"),
    [
        ("Large language models (LLMs) excel at many tasks.", "methods", "LLMs"),
        ("Progress in NLP and computer vision has been rapid.", "tasks", "NLP"),
        ("Our approach improves performance and results.", "metrics", "performance"),
        ("A training-free, task-specific adapter is used.", "methods", "training"),
    ],
)
def test_categories_fields_and_vague_words_are_never_entities(extractor: Any, abstract: str, field: str, absent: str) -> None:
    record = _extract(extractor, abstract)
    assert all(absent.lower() not in {n.lower() for n in _names(record, f)} for f in ("methods", "datasets", "metrics", "tasks"))


def test_an_acronym_definition_is_one_entity_with_both_forms(extractor: Any) -> None:
    record = _extract(extractor, "We adopt Low-Rank Adaptation (LoRA) for parameter-efficient fine-tuning. LoRA adds few weights.")
    (entity,) = [e for e in record["methods"] if "LoRA" in [e["name"], *e["aliases"]]]
    assert {"LoRA", "Low-Rank Adaptation"} <= {entity["name"], *entity["aliases"]}
    assert [m["text"] for m in entity["mentions"]].count("LoRA") == 2


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("GraphMol: Molecular Representation Learning with Graph Transformers", "GraphMol"),
        ("Whisper-Lite: Efficient Speech Recognition on Edge Devices", "Whisper-Lite"),
        ("Learn-by-interact: A Framework for Self-Adaptive Agents", "Learn-by-interact"),
        ("Mamba: Linear-Time Sequence Modeling with Selective State Spaces", "Mamba"),  # known, and this is its paper
    ],
)
def test_the_name_before_a_titles_colon_is_the_papers_method(extractor: Any, title: str, name: str) -> None:
    record = _extract(extractor, "We evaluate the approach on several tasks and report consistent gains.", title)
    assert _proposed(record, name) is True


@pytest.mark.parametrize("title", ["Position: Benchmarks Should Report Variance", "Survey: Graph Neural Networks in Biology"])
def test_a_genre_label_before_a_titles_colon_is_not_a_method(extractor: Any, title: str) -> None:
    record = _extract(extractor, "We evaluate the approach on several tasks.", title)
    assert not {"Position", "Survey"} & _names(record, "methods")


def test_a_known_name_the_paper_says_it_calls_its_own_is_proposed(extractor: Any) -> None:
    abstract = "The resulting algorithm, which we call Direct Preference Optimization (DPO), is stable and performant."
    assert _proposed(_extract(extractor, abstract), "DPO") is True


def test_an_adjective_compound_opening_a_title_is_not_a_method(extractor: Any) -> None:
    record = _extract(extractor, "We evaluate the approach on several tasks.", "Self-Supervised Pretraining for Tabular Data")
    assert "Self-Supervised" not in _names(record, "methods")


PHISHING = (
    "Phishing detection is an ongoing security challenge. We propose PhishGNN, a graph neural network that models "
    "hyperlink structure. On the PhishTank and OpenPhish datasets, PhishGNN achieves an F1-score of 0.97."
)


def test_a_proposed_method_stays_a_method_where_a_list_rule_guesses_dataset(extractor: Any) -> None:
    record = _extract(extractor, PHISHING, "Detecting Phishing Websites with Graph Neural Networks")
    assert _proposed(record, "PhishGNN") is True
    assert "PhishGNN" not in _names(record, "datasets")
    assert {"PhishTank", "OpenPhish"} <= _names(record, "datasets")  # "the A and B datasets"


def test_a_word_starting_with_a_model_family_stem_is_not_a_model(extractor: Any) -> None:
    record = _extract(extractor, PHISHING, "Detecting Phishing Websites with Graph Neural Networks")
    assert "Phishing" not in _names(record, "methods")  # "Phi" + "shing"
    assert "Phi-3-mini" in _names(_extract(extractor, "We distil into Phi-3-mini and Qwen2-VL."), "methods")


def test_an_acronym_defined_for_a_census_or_survey_is_a_dataset(extractor: Any) -> None:
    record = _extract(extractor, "Using county data from the Quarterly Census of Employment and Wages (QCEW), we find small effects.")
    assert "QCEW" in _names(record, "datasets") and "QCEW" not in _names(record, "methods")


def test_a_metric_used_to_assess_something_counts_as_measured(extractor: Any) -> None:
    record = _extract(extractor, "Root mean squared prediction error (RMSPE) is used to assess pre-treatment fit.")
    assert "RMSPE" in _names(record, "metrics")


def test_a_lowercase_long_form_with_an_acronym_inside_is_not_proposed(extractor: Any) -> None:
    record = _extract(extractor, "Cell type annotation is a key step in single-cell RNA sequencing (scRNA-seq) analysis.")
    assert _proposed(record, "scRNA-seq") in (None, False)


def test_editions_and_years_stay_with_their_dataset(extractor: Any) -> None:
    record = _extract(extractor, "We report results on CALLHOME and DIHARD III, on APTOS 2019 and on ActivityNet v1.3.")
    assert {"DIHARD III", "APTOS 2019", "ActivityNet v1.3"} <= _names(record, "datasets")


@pytest.mark.parametrize(
    ("abstract", "method", "proposed"),
    [
        ("We address place recognition and propose SeasonNet, trained on night images.", "SeasonNet", True),
        ("It improves Recall@1 by 8.2% over NetVLAD.", "NetVLAD", False),
        ("The model outperforms PointNet++ and DGCNN on all splits.", "DGCNN", False),
    ],
)
def test_proposals_and_compared_baselines(extractor: Any, abstract: str, method: str, proposed: bool) -> None:
    assert _proposed(_extract(extractor, abstract), method) is proposed


def test_a_list_of_names_before_datasets_may_start_with_a_plain_capitalised_word(extractor: Any) -> None:
    record = _extract(extractor, "SeasonNet is trained on the Nordland and Pittsburgh250k datasets.")
    assert {"Nordland", "Pittsburgh250k"} <= _names(record, "datasets")


def test_a_known_method_in_the_title_is_used_not_proposed(extractor: Any) -> None:
    record = _extract(extractor, "We tackle the task of few-shot relation extraction.", "Few-Shot Relation Extraction with Prompt Tuning")
    assert _proposed(record, "Prompt Tuning") is False


def test_an_institution_defined_as_an_acronym_is_not_an_entity(extractor: Any) -> None:
    record = _extract(extractor, "Using data from the European Centre for Disease Prevention and Control (ECDC), we fit the model.")
    assert all("ECDC" not in _names(record, field) for field in ("methods", "datasets", "metrics", "tasks"))


@pytest.mark.parametrize(
    ("title", "name", "proposed"),
    [
        ("Denoising Diffusion Probabilistic Models", "DDPM", True),
        ("Graph Attention Networks", "GAT", True),
        ("Learning Interactive Real-World Simulators", "Learning Interactive Real-World Simulators", None),
    ],
)
def test_a_title_that_is_only_a_method_name_proposes_it(extractor: Any, title: str, name: str, proposed: Optional[bool]) -> None:
    assert _proposed(_extract(extractor, "We study the approach on several tasks.", title), name) is proposed


@pytest.mark.parametrize(
    ("title", "abstract", "name"),
    [
        (TITLE, "We propose a family of methods, which we call proximal policy optimization (PPO).", "PPO"),
        ("wav2vec 2.0: A Framework for Self-Supervised Learning of Speech Representations", "We show things.", "wav2vec 2.0"),
        ("Proximal Policy Optimization Algorithms", "We propose a new family of policy gradient methods.", "PPO"),
        (TITLE, "This paper introduces Diffusion Policy, a new way of generating robot behavior.", "Diffusion Policy"),
    ],
)
def test_naming_cues_propose_even_names_the_gazetteer_knows(extractor: Any, title: str, abstract: str, name: str) -> None:
    assert _proposed(_extract(extractor, abstract, title), name) is True


def test_a_genre_and_a_number_before_a_titles_colon_is_not_a_method(extractor: Any) -> None:
    assert "Chapter 3" not in _names(_extract(extractor, "We show things.", "Chapter 3: Introduction"), "methods")


def test_software_libraries_are_not_reported_as_methods(extractor: Any) -> None:
    record = _extract(extractor, "We release a package that facilitates the integration of LoRA with PyTorch models.")
    assert "PyTorch" not in _names(record, "methods") and "LoRA" in _names(record, "methods")


def test_a_top_k_metric_reaches_its_quantity(extractor: Any) -> None:
    record = _extract(extractor, "DPR reaches a top-20 passage retrieval accuracy of 79%, against 59% for BM25.")
    assert "top-20 passage retrieval accuracy" in _names(record, "metrics") and "top-20" not in _names(record, "metrics")


@pytest.mark.parametrize(
    ("abstract", "wrong"),
    [
        ("We build the largest segmentation dataset to date, with 1B masks.", "largest segmentation"),
        ("Feature transformation degrades recommendation quality in GCNs.", "degrades recommendation"),
        ("The architecture enables precise localization with few images.", "precise localization"),
        ("The second stage adds motion deblurring to the pipeline.", "adds motion deblurring"),
        ("Labels come from manual annotation of every cell.", "manual annotation"),
    ],
)
def test_a_task_does_not_start_with_a_superlative_verb_or_judgement(extractor: Any, abstract: str, wrong: str) -> None:
    assert wrong not in _names(_extract(extractor, abstract), "tasks")


def test_an_imaging_modality_before_dataset_is_not_a_dataset_name(extractor: Any) -> None:
    record = _extract(extractor, "We train on the largest publicly available chest X-ray dataset and on an MRI dataset.")
    assert not {"X-ray", "MRI"} & _names(record, "datasets")


def test_an_optional_family_name_is_reported_in_the_paper_that_proposes_it(extractor: Any) -> None:
    proposing = _extract(extractor, "We propose the Vision Transformer (ViT), which attains excellent results on ImageNet.")
    assert _proposed(proposing, "ViT") is True
    using = _extract(extractor, "We fine-tune a Vision Transformer (ViT) on ImageNet.")
    assert "ViT" not in _names(using, "methods")  # elsewhere it stays a borderline name


_PROPOSAL_TEXT = (
    "Graph models are slow. In this work we present a faster one!\n\n"
    "Our model runs on phones. It beats GraphSAGE, which is widely used."
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Graph", False),  # a sentence with no cue
        ("faster", True),  # "we present", after another sentence
        ("phones", True),  # "Our", after a paragraph break
        ("GraphSAGE", False),
    ],
)
def test_a_proposal_sentence_is_one_with_a_cue_of_its_own(word: str, expected: bool) -> None:
    from extract.resolve import in_proposal_sentence

    assert in_proposal_sentence(_PROPOSAL_TEXT, _PROPOSAL_TEXT.index(word)) is expected


def test_the_space_between_sentences_is_in_no_sentence() -> None:
    from extract.resolve import in_proposal_sentence

    assert not in_proposal_sentence(_PROPOSAL_TEXT, _PROPOSAL_TEXT.index("\n\n"))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Indexes are models; we replace them with neural ones, which we term learned indexes.", "learned indexes"),
        ("We sample diverse reasoning paths and vote; we call this approach self-consistency.", "self-consistency"),
    ],
)
def test_a_lowercase_name_after_we_call_is_a_proposed_method(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert _proposed(record, name) is True


@pytest.mark.parametrize(
    "abstract",
    [
        "We call it the hash function.",
        "We call them after each update, as before.",
    ],
)
def test_a_description_after_we_call_is_not_a_name(extractor: Any, abstract: str) -> None:
    assert _extract(extractor, abstract)["methods"] == []


def test_an_acronym_compound_matches_its_suffix_in_any_case_but_not_a_lowercase_acronym(extractor: Any) -> None:
    record = _extract(extractor, "Scores on ARC-challenge improve; the arc-challenge split of our own data does not.")
    assert [m["text"] for e in record["datasets"] for m in e["mentions"]] == ["ARC-challenge"]


def test_a_known_metric_keeps_its_qualifier_as_an_alias(extractor: Any) -> None:
    record = _extract(extractor, "It reduces inference latency by 30% at the same accuracy.")
    latency = [e for e in record["metrics"] if e["name"] == "latency"]
    assert latency and latency[0]["aliases"] == ["inference latency"]


@pytest.mark.parametrize(
    ("abstract", "task"),
    [
        ("The same network also excels at person keypoint detection.", "person keypoint detection"),
        ("We report gains on COCO object detection and segmentation.", "object detection"),
        ("It handles unsupervised domain adaptive semantic segmentation well.", "semantic segmentation"),
    ],
)
def test_a_known_task_is_qualified_only_by_a_whole_phrase(extractor: Any, abstract: str, task: str) -> None:
    assert task in _names(_extract(extractor, abstract), "tasks")


@pytest.mark.parametrize(
    ("title", "name", "proposed"),
    [
        ("Segmenting Scribbles using Multi-scale Adversarial Attention Gates", "Multi-scale Adversarial Attention Gates", True),
        ("Timbre and Pitch Using Gaussian Mixture Variational Autoencoders", "Gaussian Mixture Variational Autoencoders", False),
        ("Sound Representations with Large-Scale Training of Patchout Audio Transformers", "Patchout Audio Transformers", False),
        ("Pose Estimation via Differentiable Semantic Projection", "Differentiable Semantic Projection", True),
        ("Early Sepsis Prediction from Health Records with Temporal Convolutions", "Temporal Convolutions", False),
    ],
)
def test_a_title_phrase_naming_models_in_the_plural_is_a_method_the_paper_uses(
    extractor: Any, title: str, name: str, proposed: bool
) -> None:
    record = _extract(extractor, "Results are reported on two benchmarks.", title=title)
    assert _proposed(record, name) is proposed


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Accuracy improves by 4% in fine-tuned UnifiedQA and by 2% in few-shot GPT-3.", "UnifiedQA"),
        ("We compare against a frozen ProtBench encoder and a distilled SolverQA student.", "SolverQA"),
    ],
)
def test_a_name_after_fine_tuned_or_distilled_is_a_model(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert name not in _names(record, "datasets")


@pytest.mark.parametrize(
    ("abstract", "name", "proposed"),
    [
        ("Our solver relies on the recently proposed Adaptive Mesh Refinement Scheme (AMRS) near shocks.", "AMRS", False),
        ("We develop Sparse Kriging Networks (SKN), generalizing the Gaussian Process Emulator (GPE) to irregular grids.", "GPE", False),
        ("We develop Sparse Kriging Networks (SKN), generalizing the Gaussian Process Emulator (GPE) to irregular grids.", "SKN", True),
        ("Tumour boundaries are traced by employing a classical Level Set Method (LSM) on each slice.", "LSM", False),
        ("A model known as the Hidden Semi-Markov Detector (HSMD) is introduced by Li et al. for gait data.", "HSMD", False),
        ("Prototype Relay Networks (PRN) have been designed to explain seizure alarms.", "PRN", False),
        ("We propose the Wavelet Flow Operator (WFO) for turbulence closure.", "WFO", True),
    ],
)
def test_a_defined_name_credited_to_earlier_work_is_not_proposed(
    extractor: Any, abstract: str, name: str, proposed: bool
) -> None:
    assert _proposed(_extract(extractor, abstract), name) is proposed


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Covariances are shrunk with the Ledoit-Wolf estimator before optimisation.", "Ledoit-Wolf estimator"),
        ("We integrate the equations with an embedded Runge-Kutta scheme.", "Runge-Kutta scheme"),
        ("Group differences were assessed with the Mann-Whitney test.", "Mann-Whitney test"),
        ("We propose PriceNet, which starts from the Black-Scholes model and learns a correction.", "Black-Scholes model"),
    ],
)
def test_a_pair_of_surnames_before_a_method_noun_is_an_existing_method(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is False


@pytest.mark.parametrize(
    "abstract",
    [
        "Vision-Language models are evaluated on captioning.",
        "We train an Encoder-Decoder model for translation.",
        "A Teacher-Student method distils the detector.",
    ],
)
def test_a_capitalised_compound_of_common_words_is_not_an_eponym(extractor: Any, abstract: str) -> None:
    names = _names(_extract(extractor, abstract), "methods")
    assert not any("-" in name and name.split("-")[0] in ("Vision", "Encoder", "Teacher") for name in names), names


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("It reaches 23% higher branch coverage than AFLNet and SnipFuzz within a day.", "SnipFuzz"),
        ("Latency drops by 12% compared with MSCN and QuickSel on every workload.", "QuickSel"),
        ("The error is halved relative to WRF-Chem forecasts.", "WRF-Chem"),
    ],
)
def test_a_name_a_result_is_compared_with_is_a_baseline_method(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is False


@pytest.mark.parametrize(
    ("abstract", "field", "name"),
    [
        ("Existing callers such as DeepVariant and ReadPhaser3 lose haplotype information.", "methods", "ReadPhaser3"),
        ("Alignment is done with BLAST, SeqHound and HMMER before clustering.", "methods", "SeqHound"),
        ("It improves over XGBoost (0.661), GenoFuse (0.670) and the unimodal baselines.", "methods", "GenoFuse"),
        ("We train on ImageNet and SatPatch-10 and test on held-out scenes.", "datasets", "SatPatch-10"),
    ],
)
def test_a_name_listed_with_a_known_name_shares_its_field(extractor: Any, abstract: str, field: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), field)


def test_a_list_member_another_rule_found_keeps_its_field(extractor: Any) -> None:
    record = _extract(extractor, "We fine-tune BERT and evaluate on the CheckBench benchmark.")
    assert "CheckBench" in _names(record, "datasets")
    assert "CheckBench" not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Sequence alignment tools such as ViralMap and PhyloX miss divergent proteins.", "PhyloX"),
        ("The ansatz is optimised in a variational framework implemented in QuSpin3.", "QuSpin3"),
        ("Built on top of AFLGo, our fuzzer tracks protocol states.", "AFLGo"),
        ("Here we describe EMTrace, which traces backbones in density maps.", "EMTrace"),
    ],
)
def test_tools_named_by_their_use_are_methods(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize(
    ("abstract", "form"),
    [
        ("Residue recall drops from 0.81 to 0.64 on noisy maps, while sequence recall stays at 0.70.", "sequence recall"),
        ("The potential reaches a force RMSE of 41 meV/Å on defective solids.", "force RMSE"),
        ("Sorting reaches a mean unit accuracy of 0.91 under drift.", "mean unit accuracy"),
    ],
)
def test_a_field_word_before_a_known_metric_qualifies_it(extractor: Any, abstract: str, form: str) -> None:
    assert form in _names(_extract(extractor, abstract), "metrics")


@pytest.mark.parametrize(
    ("abstract", "phrase"),
    [
        ("We also report model size and description lengths of 3.1 bits.", "description lengths"),
        ("Representation similarity rises by 4% after alignment.", "Representation similarity"),
    ],
)
def test_a_field_word_before_an_unknown_quantity_names_no_metric(extractor: Any, abstract: str, phrase: str) -> None:
    assert phrase not in _names(_extract(extractor, abstract), "metrics")


@pytest.mark.parametrize(
    ("abstract", "field", "form"),
    [
        ("Folds are split by topology in CATH 4.2 and by family in SCOPe 2.08.", "datasets", "CATH 4.2"),
        ("Kilosort 2.5 and MountainSort5 correct only rigid drift.", "methods", "Kilosort 2.5"),
    ],
)
def test_a_known_name_keeps_its_dotted_version(extractor: Any, abstract: str, field: str, form: str) -> None:
    assert form in _names(_extract(extractor, abstract), field)


@pytest.mark.parametrize(
    "abstract",
    ["AUROC was XGBoost 0.81 and logistic regression 0.77.", "Training used ImageNet 1.2 million images."],
)
def test_a_score_or_quantity_after_a_name_is_not_its_version(extractor: Any, abstract: str) -> None:
    names = _names(_extract(extractor, abstract), "methods") | _names(_extract(extractor, abstract), "datasets")
    assert not any(" 0.81" in n or " 1.2" in n for n in names), names


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Alerts are compared with those of the proprietary Epic Sepsis Model in four hospitals.", "Epic Sepsis Model"),
        ("Runs use the Community Earth System Model at one-degree resolution.", "Community Earth System Model"),
        ("We distil the teacher into MobileRet, a small convolutional student for phones.", "MobileRet"),
    ],
)
def test_capitalised_model_names_and_appositions_are_methods(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "methods")


def test_capitals_in_a_title_name_no_model(extractor: Any) -> None:
    record = _extract(extractor, "Maps from 178 depositions are traced.", title="Automated Atomic Model Building into Maps")
    assert "Automated Atomic Model" not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "form"),
    [
        ("Whole-slide images (WSIs) contain thousands of patches; WSIs are tiled before encoding.", "WSIs"),
        ("We consider partially observed environments (POEs). A transformer trained on POEs plans well.", "POEs"),
        ("Electronic Health Records (EHRs) are noisy, so we clean EHRs first.", "EHRs"),
    ],
)
def test_a_plural_defined_as_a_plural_acronym_is_a_kind_not_an_entity(extractor: Any, abstract: str, form: str) -> None:
    record = _extract(extractor, abstract)
    assert all(form not in _names(record, field) for field in ("methods", "datasets", "metrics", "tasks"))


def test_a_mixed_case_plural_short_form_is_still_a_coined_name(extractor: Any) -> None:
    record = _extract(extractor, "We propose Sparse Routing Units (SpaRUs), which gate experts per token.")
    assert "SpaRUs" in _names(record, "methods")


@pytest.mark.parametrize(
    ("title", "abstract", "name", "proposed"),
    [
        (
            "Distilling RetiNet for Grading on Phones",
            "Retinal foundation models such as RetiNet are too large for phones. We distil it into a small student.",
            "RetiNet",
            False,
        ),
        (
            "Guided Feedback for Language Agents",
            "We start from a guide model such as GPT-3 and propose PathGuide, an agent that asks the guide for hints.",
            "PathGuide",
            True,
        ),
    ],
)
def test_a_title_name_the_abstract_credits_to_earlier_work_is_not_proposed(
    extractor: Any, title: str, abstract: str, name: str, proposed: bool
) -> None:
    assert _proposed(_extract(extractor, abstract, title=title), name) is proposed


@pytest.mark.parametrize(
    ("abstract", "name", "proposed"),
    [
        ("Reads are phased with PhaseKit before calling. We present a caller that is faster.", "PhaseKit", False),
        ("Conformers were generated with ChemTK and docked with the default settings.", "ChemTK", False),
        ("We compare against MinGRU and report the error.", "MinGRU", False),
        ("Forecasts were smoothed with pyNOWCAST at every step.", "pyNOWCAST", False),
        ("We introduce StormCast, a model for radar nowcasting.", "StormCast", True),
    ],
)
def test_a_mixed_case_word_is_a_named_method_proposed_only_where_the_text_names_it(
    extractor: Any, abstract: str, name: str, proposed: bool
) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is proposed


def test_mixed_case_names_closed_by_a_data_noun_are_datasets(extractor: Any) -> None:
    record = _extract(extractor, "We evaluate on the TutorLog 2019 and EduTrace datasets and report the AUC of each model.")
    assert {"EduTrace"} <= _names(record, "datasets")
    assert not {"TutorLog", "EduTrace"} & _names(record, "methods")


@pytest.mark.parametrize("word", ["MLLMs", "LiFePO4", "iPhone", "MHz"])
def test_plural_acronyms_formulas_brands_and_units_are_not_mixed_case_names(extractor: Any, word: str) -> None:
    record = _extract(extractor, f"The cells of {word} were measured at room temperature for the study.")
    assert word not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Map-model fit, measured by FitQ, is close to that of the deposited structures.", "FitQ"),
        ("Agreement is quantified by ICC-2 across the three sites.", "ICC-2"),
        ("We report standard metrics such as PSNR-B and DISTS for every scene.", "PSNR-B"),
    ],
)
def test_a_name_a_quantity_is_measured_by_is_a_metric(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "metrics")
    assert name not in _names(record, "methods")


@pytest.mark.parametrize(
    ("title", "task", "wrong"),
    [
        ("Drift-Robust Spike Sorting for Dense Probes", "spike sorting", "Drift-Robust Spike Sorting"),
        ("Noise-Aware Variant Calling in Long Reads", "Variant Calling", "Noise-Aware Variant Calling"),
        ("Real-Time Precipitation Nowcasting from Radar", "Precipitation Nowcasting", "Real-Time Precipitation Nowcasting"),
        ("Boundary-Refined Temporal Action Localization", "Temporal Action Localization", "Boundary-Refined Temporal Action Localization"),
    ],
)
def test_a_how_modifier_opening_a_title_task_is_not_part_of_it(extractor: Any, title: str, task: str, wrong: str) -> None:
    tasks = {name.lower() for name in _names(_extract(extractor, "We study the problem on public data.", title), "tasks")}
    assert task.lower() in tasks
    assert wrong.lower() not in tasks


@pytest.mark.parametrize(
    ("abstract", "task"),
    [
        ("We improve haplotype phasing in parent-child trios.", "haplotype phasing"),
        ("We address flexible job shop scheduling with learned heuristics.", "job shop scheduling"),
        ("We automate cell type annotation for atlases.", "cell type annotation"),
        ("Our approach enables somatic mutation calling in plasma.", "somatic mutation calling"),
    ],
)
def test_head_nouns_of_other_sciences_close_a_task(extractor: Any, abstract: str, task: str) -> None:
    assert task in _names(_extract(extractor, abstract), "tasks")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Radar composites come from the Kestrel archive for 2016-2021.", "Kestrel"),
        ("Ligands were drawn from the ChemBankX database before docking.", "ChemBankX"),
        ("Participants of the Lakeside Heart cohort were followed for ten years.", "Lakeside Heart"),
        ("We compare with the SkyCat-4 catalogue of variable stars.", "SkyCat-4"),
    ],
)
def test_a_name_before_a_data_noun_of_the_sciences_is_a_dataset(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "datasets")


@pytest.mark.parametrize(
    ("abstract", "name", "field"),
    [
        ("On 178 maps from MapBankX deposited in 2023 the method recovers most residues.", "MapBankX", "datasets"),
        ("We fine-tune on 12,000 patients from ICU-DB3 and test at two hospitals.", "ICU-DB3", "datasets"),
    ],
)
def test_items_drawn_from_a_named_source_name_a_dataset(extractor: Any, abstract: str, name: str, field: str) -> None:
    assert name in _names(_extract(extractor, abstract), field)


def test_a_virus_after_proteins_of_is_not_a_dataset(extractor: Any) -> None:
    assert "SARS-CoV-2" not in _names(_extract(extractor, "We model the spike proteins of SARS-CoV-2 variants."), "datasets")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Posteriors from stochastic samplers such as nestle, run for hours, are the reference.", "nestle"),
        ("Reads were processed with the Snakeflow pipeline and counted per gene.", "Snakeflow"),
        ("Structures were refined using the Refmacs software at each step.", "Refmacs"),
    ],
)
def test_a_tool_named_by_its_kind_is_a_method(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize(
    ("abstract", "wrong"),
    [
        ("Posteriors from samplers such as the nested ones are the reference.", "nested"),
        ("Reads were processed with the same pipeline as before.", "same"),
    ],
)
def test_a_word_that_is_no_name_before_a_tool_noun_is_not_a_method(extractor: Any, abstract: str, wrong: str) -> None:
    assert wrong not in _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize("assay", ["cryo-EM", "snRNA-seq", "LC-MS", "fNIRS"])
def test_assays_and_imaging_modalities_are_not_methods(extractor: Any, assay: str) -> None:
    record = _extract(extractor, f"We model {assay} data from 40 donors and outperform two baselines.")
    assert assay not in _names(record, "methods") | _names(record, "datasets")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Trajectories were produced with GROMACS and analysed with MDAnalysis over 50 ns.", "GROMACS"),
        ("Trajectories were produced with GROMACS and analysed with MDAnalysis over 50 ns.", "MDAnalysis"),
        ("Duplicates were removed with samtools before variant calling.", "samtools"),
        ("Group differences were assessed with the Wilcoxon signed-rank test at the 5% level.", "Wilcoxon signed-rank test"),
        ("The state is tracked by a Kalman filter fed with GPS fixes.", "Kalman filter"),
    ],
)
def test_named_domain_software_and_eponymous_tests_are_reported_methods(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods")
    assert _proposed(record, name) is False


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("The corrected estimator keeps an empirical coverage of 93% at every sample size.", "empirical coverage"),
        ("Our tracker lowers the median error from 3.4 m to 2.1 m.", "median error"),
        ("Across 40 designs the estimator has an absolute bias below 0.02.", "absolute bias"),
        ("Point forecasts are unaffected: the Brier score of the base model is preserved.", "Brier score"),
    ],
)
def test_field_modifiers_and_preservation_cues_make_measured_metrics(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "metrics")


@pytest.mark.parametrize(
    ("abstract", "form"),
    [
        ("We report results on THUMOS14 and EPIC-Kitchens 100.", "EPIC-Kitchens 100"),
        ("Jets come from the Top Quark Tagging Reference Dataset and from simulation.", "Top Quark Tagging Reference Dataset"),
    ],
)
def test_a_split_size_or_a_capitalised_data_noun_belongs_to_the_dataset_name(extractor: Any, abstract: str, form: str) -> None:
    assert form in _names(_extract(extractor, abstract), "datasets")


def test_a_split_size_is_not_a_score_after_the_name(extractor: Any) -> None:
    record = _extract(extractor, "Accuracy on CIFAR-10 95.1% is reported for the small model.")
    assert not any(name.startswith("CIFAR-10 9") for name in _names(record, "datasets"))


def test_a_known_metric_name_before_a_data_noun_is_a_dataset(extractor: Any) -> None:
    record = _extract(extractor, "The potential is trained on energies from the SPICE dataset and tested on water.")
    assert "SPICE" in _names(record, "datasets") and "SPICE" not in _names(record, "metrics")


def test_a_known_task_before_a_data_noun_stays_a_task(extractor: Any) -> None:
    record = _extract(extractor, "We build a question answering dataset of 5,000 items and report accuracy of 71%.")
    assert "question answering" in _names(record, "tasks")


@pytest.mark.parametrize(
    ("abstract", "task"),
    [
        ("We study somatic variant calling in tumour samples of low purity.", "somatic variant calling"),
        ("Somatic variant calling in tumour samples of low purity is hard.", "Somatic variant calling"),
    ],
)
def test_a_qualified_known_task_after_a_verb_or_at_the_start_is_the_papers_task(extractor: Any, abstract: str, task: str) -> None:
    assert task in _names(_extract(extractor, abstract), "tasks")


def test_a_restoration_task_named_on_its_benchmark_is_a_task(extractor: Any) -> None:
    record = _extract(extractor, "We train one model for three degradations (denoising on BSD68, deraining on Rain100L).")
    assert {"denoising", "deraining"} <= _names(record, "tasks")


def test_a_verb_does_not_open_a_task(extractor: Any) -> None:
    record = _extract(extractor, "The coder assigns diagnosis codes to clinical notes with high accuracy.")
    assert not any(name.startswith("assigns") for name in _names(record, "tasks"))


@pytest.mark.parametrize(
    "name", ["Callaway-Sant'Anna estimator", "DerSimonian-Laird estimator", "McNemar-Bowker test"]
)
def test_surnames_with_an_apostrophe_or_a_prefix_capital_make_an_eponymous_method(extractor: Any, name: str) -> None:
    record = _extract(extractor, f"Effects were pooled with the {name} across the 12 sites.")
    assert name in _names(record, "methods")


def test_a_camel_case_pair_is_not_an_eponym(extractor: Any) -> None:
    record = _extract(extractor, "We propose DeepNet-Fusion model for joint retrieval and ranking.")
    assert _proposed(record, "DeepNet-Fusion") is True


def test_an_acronym_followed_by_a_plural_method_noun_is_a_method(extractor: Any) -> None:
    record = _extract(extractor, "Two-way fixed effects (TWFE) regressions remain the default tool in applied work.")
    assert {"Two-way fixed effects", "TWFE"} <= _names(record, "methods")


def test_a_metric_keeps_its_operating_point(extractor: Any) -> None:
    record = _extract(extractor, "The detector reaches a precision at 80% recall of 47.9, against 39.1 before.")
    assert "precision at 80% recall" in _names(record, "metrics")
    assert "precision" not in _names(record, "metrics")


def test_at_inference_time_is_when_not_a_metric(extractor: Any) -> None:
    record = _extract(extractor, "The rate is set by a multiplier at inference time, from 0.05 to 0.5 bits.")
    assert "inference time" not in _names(record, "metrics")


def test_a_metric_family_name_before_a_data_noun_is_a_dataset(extractor: Any) -> None:
    record = _extract(extractor, "Forces come from the SPICE dataset computed with a hybrid functional at 0.1 eV.")
    assert "SPICE" in _names(record, "datasets") and "SPICE" not in _names(record, "metrics")


@pytest.mark.parametrize(
    ("abstract", "verb_use", "task"),
    [
        ("Skills learned in synthetic sites transfer to the real web, unlike style transfer to sketches.", "synthetic sites transfer", "style transfer"),
        ("Probes transfer across domains with a small drop, and neural style transfer across domains fails.", "Probes transfer", "neural style transfer"),
    ],
)
def test_a_head_word_after_a_plural_subject_is_the_verb(extractor: Any, abstract: str, verb_use: str, task: str) -> None:
    names = _names(_extract(extractor, abstract), "tasks")
    assert verb_use not in names and task in names


@pytest.mark.parametrize(
    ("abstract", "wrong"),
    [
        ("The agent can retrieve all nodes matching a landmark named in the instruction.", "nodes matching"),
        ("Speculative decoding accelerates autoregressive generation with a small draft model.", "accelerates autoregressive generation"),
        ("The policy stays brittle in contact-rich robot manipulation over long horizons.", "contact-rich robot manipulation"),
        ("Its error, measured with an off-the-shelf visual odometry model, drops from 1.9 m to 0.7 m.", "off-the-shelf visual odometry"),
    ],
)
def test_verbs_and_how_words_do_not_open_tasks(extractor: Any, abstract: str, wrong: str) -> None:
    assert wrong not in _names(_extract(extractor, abstract), "tasks")


def test_a_proposed_acronym_definition_headed_by_a_task_noun_is_a_method(extractor: Any) -> None:
    record = _extract(extractor, "We propose Zoom-In Grounding (ZIG), a training-free inference procedure for screens.")
    assert "ZIG" in _names(record, "methods") and "ZIG" not in _names(record, "tasks")
    assert _proposed(record, "ZIG") is True


@pytest.mark.parametrize("name", ["Coder-Zero-32B", "Wan2.1-T2V-1.3B", "E5-Mistral-7B-Instruct", "SiT-XL/2"])
def test_a_name_with_a_size_in_billions_is_a_model(extractor: Any, name: str) -> None:
    record = _extract(extractor, f"Our model resolves 46.8% of the issues, ahead of {name} (20.6%) on the test split.")
    assert name in _names(record, "methods")


def test_a_name_with_a_size_in_millions_is_not_taken_for_a_model(extractor: Any) -> None:
    record = _extract(extractor, "Training mixes Pairs-1M with five thousand human labels for 3 epochs.")
    assert "Pairs-1M" not in _names(record, "methods")


def test_a_family_release_word_and_version_make_one_model(extractor: Any) -> None:
    record = _extract(extractor, "We evaluate GPT-4.1, Claude Opus 4 and Gemini 2.5 Pro on every task.")
    assert "Claude Opus 4" in _names(record, "methods") and "Claude" not in _names(record, "methods")


def test_the_resulting_model_is_the_papers_own(extractor: Any) -> None:
    record = _extract(extractor, "We train on the new trajectories. The resulting agent, WebPilot-7B, reaches 41.2% on WebArena.")
    assert _proposed(record, "WebPilot-7B") is True


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("The tuned model reaches a HealthBench score of 48.7, above the base model.", "HealthBench score"),
        ("The defence keeps the over-refusal rate at 4.2% on the benign prompts.", "over-refusal rate"),
        ("The best agent reaches a pass^1 of 78.4%, but pass^8 falls below 20%.", "pass^8"),
        ("For relative pose estimation it reaches an AUC@30 of 86.2 on the test scenes.", "AUC@30"),
        ("The pruned networks achieve 1.9x higher decoding speed on a laptop CPU.", "decoding speed"),
    ],
)
def test_benchmark_scores_hyphenated_rates_and_at_k_metrics(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "metrics")


def test_a_hyphenated_qualifier_before_a_modelled_quantity_names_no_metric(extractor: Any) -> None:
    record = _extract(extractor, "We model the spatial-angular correlation of light fields and gain 0.5 dB.")
    assert "spatial-angular correlation" not in _names(record, "metrics")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("It resolves 46.8% of the issues in SWE-bench Verified with a single attempt.", "SWE-bench Verified"),
        ("Training on the 17k problems of Geo-Math-17k lifts accuracy by 4 points.", "Geo-Math-17k"),
        ("It reaches a WER of 1.71% on LibriSpeech test-clean, against 2.42% before.", "LibriSpeech test-clean"),
    ],
)
def test_benchmark_variants_and_counted_names_are_datasets(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "datasets")


def test_a_sized_model_named_like_a_benchmark_is_a_model(extractor: Any) -> None:
    record = _extract(extractor, "Our agent is ahead of SWE-Gym-32B (20.6%) on the verified split.")
    assert "SWE-Gym-32B" in _names(record, "methods") and "SWE-Gym-32B" not in _names(record, "datasets")


def test_a_name_inside_a_url_path_is_no_mention(extractor: Any) -> None:
    record = extractor.process(
        Entry("rules", 0, 1, "ReaSyn: Synthetic Queries for Retrieval",
              "We release the synthetic dataset, named ReaSyn-1M (https://huggingface.co/datasets/reasyn/ReaSyn-1M).")
    )
    assert "ReaSyn-1M" in _names(record, "datasets") and "ReaSyn-1M" not in _names(record, "methods")
    for entity in record["datasets"]:
        assert all(m["text"] != "ReaSyn-1M" or "/" not in record["abstract"][m["start"] - 1] for m in entity["mentions"])


def test_a_sized_model_named_after_the_papers_method_is_proposed(extractor: Any) -> None:
    record = extractor.process(
        Entry("rules", 0, 1, "ReaSyn: Synthetic Queries for Retrieval",
              "We fine-tune Qwen2.5-7B into ReaSyn-Embed-7B, which reaches 31.4 nDCG@10 on BRIGHT.")
    )
    assert _proposed(record, "ReaSyn-Embed-7B") is True and _proposed(record, "Qwen2.5-7B") is False


def test_tasks_listed_after_a_colon_are_tasks(extractor: Any) -> None:
    record = _extract(extractor, "The depth maps help two applications: depth-guided image editing and sparse-view scene completion.")
    assert {"depth-guided image editing", "sparse-view scene completion"} <= _names(record, "tasks")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We train BarrierFit, a delta-learning model that corrects DFT barrier heights.", "BarrierFit"),
        ("We distil RETFound into PocketRet, a 5.6M-parameter student for phones.", "PocketRet"),
    ],
)
def test_a_model_the_paper_trains_or_distils_into_is_its_own(extractor: Any, abstract: str, name: str) -> None:
    assert _proposed(_extract(extractor, abstract), name) is True


def test_a_benchmark_the_paper_trains_on_is_not_its_method(extractor: Any) -> None:
    record = _extract(extractor, "We train BERT on MNLI and report accuracy of 84%.")
    assert _proposed(record, "BERT") is not True


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Networks are trained on 2,500 cosmologies from the CosmoGridX simulation suite with shape noise.", "CosmoGridX"),
        ("On the JBCS benchmark set of eight targets, the error falls to 0.84 kcal/mol.", "JBCS"),
    ],
)
def test_a_name_before_a_kind_of_data_collection_is_a_dataset(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "datasets") and name not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "name", "wrong"),
    [
        ("Posteriors are estimated with the nbi package and a masked flow on 2,500 maps.", "nbi", None),
        ("All code is released as the same package for both tasks.", None, "same"),
    ],
)
def test_a_lowercase_word_before_package_is_a_tool(extractor: Any, abstract: str, name: Optional[str], wrong: Optional[str]) -> None:
    methods = _names(_extract(extractor, abstract), "methods")
    assert name is None or name in methods
    assert wrong is None or wrong not in methods


@pytest.mark.parametrize(
    ("abstract", "tools"),
    [
        ("Existing tools such as scVI, Harmony and Seurat need shared genes.", {"scVI", "Harmony", "Seurat"}),
        ("We compare with solvers such as CPLEX and Gurobi on routing instances.", {"CPLEX", "Gurobi"}),
    ],
)
def test_capitalised_members_of_a_tools_such_as_list_are_methods(extractor: Any, abstract: str, tools: set[str]) -> None:
    assert tools <= _names(_extract(extractor, abstract), "methods")


def test_a_stylised_name_does_not_match_the_plain_word() -> None:
    from extract.components.gazetteer import _CAMEL_NAME

    # QuALITY's casing is the name: "Quality classifiers ..." opening a sentence is the word.
    assert _CAMEL_NAME.match("QuALITY") is None and _CAMEL_NAME.match("SciERC") is None
    assert _CAMEL_NAME.match("ImageNet") and _CAMEL_NAME.match("PubMedQA")


def test_quality_opening_a_sentence_is_not_the_quality_dataset(extractor: Any) -> None:
    record = _extract(extractor, "Quality classifiers select pretraining data. On QuALITY the reader improves by 3 points.")
    assert [d["name"] for d in record["datasets"]].count("QuALITY") == 1
    assert all(m["text"] == "QuALITY" for d in record["datasets"] for m in d["mentions"] if d["name"] == "QuALITY")


@pytest.mark.parametrize(
    ("abstract", "name", "proposed"),
    [
        # Existing work, even in the sentence that proposes the paper's method.
        ("We propose CAPSurv, which encodes patches with the pathology foundation model UNI, and beats MCAT.", "UNI", False),
        ("Ridge regression is compared with the 3D convolutional model SFCN, which is slower.", "SFCN", False),
        # The words before say it is the paper's own.
        ("Every conditional is Gaussian. We call the sampler PG-NNGP. On simulated data, PG-NNGP yields ten times larger sample sizes.", "PG-NNGP", True),
    ],
)
def test_a_name_after_the_kind_noun_is_a_method(extractor: Any, abstract: str, name: str, proposed: bool) -> None:
    record = _extract(extractor, abstract)
    assert _proposed(record, name) is proposed


@pytest.mark.parametrize(
    ("abstract", "datasets"),
    [
        ("On the LexSum-9 and QelNews summarization datasets, our reward improves ROUGE-L.", {"LexSum-9", "QelNews"}),
        ("On MIMIC-III-50 it matches the previous best results.", {"MIMIC-III-50"}),
        ("On VecQ-5M, TorvANN and Blix1B, the index halves query latency.", {"VecQ-5M", "TorvANN", "Blix1B"}),
    ],
)
def test_datasets_named_by_where_results_are_reported(extractor: Any, abstract: str, datasets: set[str]) -> None:
    assert datasets <= _names(_extract(extractor, abstract), "datasets")


@pytest.mark.parametrize(
    ("title", "task"),
    [
        ("Clause-Level Information Extraction from Commercial Contracts", "Clause-Level Information Extraction"),
        ("Fast Strain-Level Profiling of Metagenomes with Sketches", "Strain-Level Profiling"),
    ],
)
def test_a_title_task_keeps_its_level_qualifier(extractor: Any, title: str, task: str) -> None:
    """Annotators name the title's task with its "-Level" qualifier; in running text "-level" says how."""
    assert task in _names(_extract(extractor, "We study this problem on two corpora.", title=title), "tasks")


@pytest.mark.parametrize(
    ("abstract", "means"),
    [
        ("The generator filters the candidates with round-trip translation and a morphological analyzer.", "round-trip translation"),
        ("It outperforms single-step retrieval by 7.9 F1 on the held-out questions.", "single-step retrieval"),
    ],
)
def test_a_task_shaped_means_is_not_a_task(extractor: Any, abstract: str, means: str) -> None:
    assert means not in _names(_extract(extractor, abstract), "tasks")


def test_a_task_after_with_in_the_title_is_still_a_task(extractor: Any) -> None:
    record = _extract(extractor, "We study this problem on two corpora.", title="Pretraining with Protein Structure Prediction")
    assert "Protein Structure Prediction" in _names(record, "tasks")


@pytest.mark.parametrize(("word", "coined"), [("CONstrained", False), ("REtrieval", False), ("RDChiral", True), ("BERTology", True)])
def test_an_acronym_spelling_word_is_no_coined_name(word: str, coined: bool) -> None:
    from extract.components.shapes import _NOT_COINED

    assert (_NOT_COINED.match(word) is None) is coined


@pytest.mark.parametrize(
    ("abstract", "rate", "reported"),
    [
        ("The parser processes 3.1 pages per second on one GPU.", "pages per second", True),
        ("Zoom steps add 1.8 model calls per action on average.", "model calls per action", True),
        ("Participants reach 38.5 words per minute after one session.", "words per minute", True),
        # A setting, not a result; a unit says latency, not a counted rate.
        ("With five shots per class, the classifier reaches a recall of 78.4%.", "shots per class", False),
        ("Inference takes 0.4 ms per alert on one core.", "ms per alert", False),
    ],
)
def test_a_count_per_unit_reported_by_a_verb_is_a_metric(extractor: Any, abstract: str, rate: str, reported: bool) -> None:
    assert (rate in _names(_extract(extractor, abstract), "metrics")) is reported


@pytest.mark.parametrize(
    ("abstract", "quantity", "reported"),
    [
        # A change verb, the quantity, an amount ("reducing token usage by 63%").
        ("The scheduler cuts mean queueing delay by 41% on a production trace.", "mean queueing delay", True),
        ("Our triage model reduces clinician review workload by 28% without missed cases.", "clinician review workload", True),
        ("Warm starting lowers total solver time per instance by 3.2x.", "solver time", True),
        ("The controller raises the fraction of stable grasps from 52% to 81%.", "fraction of stable grasps", True),
        ("It halves the average number of tool calls from 6.1 to 3.0 per task.", "average number of tool calls", True),
        # The quantity, then its change verb and the amount.
        ("With the new mesh, the drag prediction error falls from 7.9% to 2.4%.", "drag prediction error", True),
        ("Across sites, the annotation turnaround decreases by only 12%.", "annotation turnaround", True),
        # A relative amount before a counted quantity.
        ("The prover needs 35% fewer proof steps than the baseline.", "proof steps", True),
        ("Summaries contain 2x fewer hallucinated entities.", "hallucinated entities", True),
        # LaTeX amounts ("84\\%", "$11.4\\times$") and "by a factor of".
        ("Pruning cuts mutant execution cost by 84\\% on average.", "mutant execution cost", True),
        ("It keeps the ratio while reducing selection time by $11.4\\times$ against search.", "selection time", True),
        ("Blocking reduces the number of pairwise comparisons by a factor of 6.", "number of pairwise comparisons", True),
        # Not what is measured: the setting the authors vary, a bare back-reference, a count of inputs.
        ("By doubling the ensemble members from 8 to 16, the forecaster improves its skill.", "ensemble members", False),
        ("Query rewriting raises the score to 36.9.", "score", False),
        ("It improves the baseline by 4.1 points.", "baseline", False),
        ("FID at 400K iterations improves from 8.3 to 5.7.", "iterations", False),
        ("The policy requires five times fewer demonstrations.", "demonstrations", False),
        ("The authors reduce the learning rate by 10x after warm-up.", "learning rate", False),
    ],
)
def test_a_quantity_reported_as_changed_by_an_amount_is_a_metric(
    extractor: Any, abstract: str, quantity: str, reported: bool
) -> None:
    assert (quantity in _names(_extract(extractor, abstract), "metrics")) is reported


@pytest.mark.parametrize(
    ("abstract", "field", "name"),
    [
        # A lower-case technique defined right after the words that make it the means.
        ("We construct emulators using eigenvector continuation (EC) for few-body observables.", "methods", "EC"),
        ("Positions are refined by iteratively reweighted least squares (IRLS) on all views.", "methods", "IRLS"),
        ("Standard benchmarks such as randomized benchmarking (RB) hide crosstalk.", "methods", "RB"),
        # A long form that spells out a quantity.
        ("The policy reduces misses per kilo-instruction (MPKI) by 14.8% over LRU.", "metrics", "MPKI"),
        ("Models reach a fraction of explainable variance explained (FEVE) of 0.61.", "metrics", "FEVE"),
        ("FLUX improves the mean average rank (MAR) by 19% over the best baseline.", "metrics", "MAR"),
        ("Rescheduling reduces the error per layered gate (EPLG) of a circuit from 0.19 to 0.12.", "metrics", "EPLG"),
        # Named as what is measured, even where the gazetteer knows the acronym as a method.
        ("Measured by the expected running time (ERT) to reach a target, the solver is faster.", "metrics", "ERT"),
        ("Measured by the common part of commuters (CPC), the model reaches 0.71.", "metrics", "CPC"),
    ],
)
def test_an_acronym_is_placed_by_how_its_long_form_is_used_or_built(
    extractor: Any, abstract: str, field: str, name: str
) -> None:
    assert name in _names(_extract(extractor, abstract), field)


def test_a_lowercase_definition_without_a_means_cue_stays_unplaced(extractor: Any) -> None:
    record = _extract(extractor, "Trials enrolled patients with chronic kidney disease (CKD) from 12 sites.")
    assert "CKD" not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "tool"),
    [
        ("Calcium traces were extracted with Suite2p and deconvolved with Quorra at 30 Hz.", "Quorra"),
        ("Circuit noise is simulated with Stimra at a physical error rate of 0.1%.", "Stimra"),
        ("The device was accessed through Qiskit Runtime and the data were analysed with Tessel Experiments.", "Tessel Experiments"),
    ],
)
def test_a_tool_named_after_a_processing_verb_is_an_existing_method(extractor: Any, abstract: str, tool: str) -> None:
    abstract = "We propose WireKit, a new pipeline. " + abstract
    record = _extract(extractor, abstract)
    assert tool in _names(record, "methods")
    assert _proposed(record, tool) is False  # someone else's tool, even beside the proposal


@pytest.mark.parametrize(
    "abstract",
    ["The survey was written in English and translated.", "Analyses were computed in Python and checked by hand."],
)
def test_a_language_after_a_processing_verb_is_no_method(extractor: Any, abstract: str) -> None:
    record = _extract(extractor, abstract)
    assert not {"English", "Python"} & _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "written"),
    [
        ("Decoding is within 1.6x of MWPM as implemented in PyMatching 2 and ahead of the rest.", "PyMatching 2"),
        ("Events are generated with Herwig 7, as in the reference analysis.", "Herwig 7"),
    ],
)
def test_a_one_digit_release_after_a_known_name_is_part_of_it(extractor: Any, abstract: str, written: str) -> None:
    assert written in _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize(
    ("abstract", "dataset"),
    [
        # One or two capitalised data nouns belong to the name.
        ("We evaluate LRP on traces from SPEC CPU2017 and the KorrinX Benchmark Suite.", "KorrinX Benchmark Suite"),
        ("TempMask is evaluated on the Orbis-7 Cloud Mask Catalogue.", "Orbis-7 Cloud Mask Catalogue"),
        # A definition whose head is a data resource.
        ("On 212 genomes from the Tarnow Ancient DNA Resource (TADR), statistics agree.", "Tarnow Ancient DNA Resource"),
    ],
)
def test_data_resources_are_named_whole(extractor: Any, abstract: str, dataset: str) -> None:
    assert dataset in _names(_extract(extractor, abstract), "datasets")


@pytest.mark.parametrize(
    ("abstract", "systems"),
    [
        ("FLUX localizes 318 faults, compared with 251 for DeepFLX and 287 for Gracia.", {"DeepFLX", "Gracia"}),
        ("The codec scores 71.3, against 58.6 for Lyrane v2 at 3.2 kbps and 43.1 for Opalis at 6 kbps.", {"Lyrane v2", "Opalis"}),
        ("We reach an F1 of 0.79, compared with 0.61 for Drebbel, 0.58 for MaMaTrek and 0.70 for a GIN.", {"Drebbel", "MaMaTrek"}),
    ],
)
def test_a_system_a_figure_is_given_for_is_a_compared_method(extractor: Any, abstract: str, systems: set[str]) -> None:
    record = _extract(extractor, "We propose FLUX, a new detector. " + abstract)
    assert systems <= _names(record, "methods")
    assert all(_proposed(record, name) is False for name in systems)


@pytest.mark.parametrize(
    "abstract",
    ["Accuracy is 91% for English and 85% for German.", "The error is 0.3 for Table 2, as reported."],
)
def test_a_figure_for_a_language_or_a_table_names_no_system(extractor: Any, abstract: str) -> None:
    assert not _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Columns are stored with lightweight encodings, such as FSSTx for strings.", "FSSTx"),
        ("Classic replacement policies such as SHiPr and BRRIP-X degrade on graphs.", "SHiPr"),
        ("Speech codecs such as EnKodec reach 6 kbps.", "EnKodec"),
    ],
)
def test_names_after_a_kind_such_as_are_methods(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "methods")


@pytest.mark.parametrize(
    ("abstract", "metric", "measured"),
    [
        # A LaTeX number counts as the figure a metric is measured in.
        ("On 16-core mixes the weighted speedup over LRU is 11.2\\% here.", "weighted speedup", True),
        ("Its mean distance to the hull is 0.8\\% there.", "mean distance", True),
        # A model size is the setting, not a figure.
        ("We pretrain models with 1.2B and 7B total parameters on web text.", "total parameters", False),
    ],
)
def test_latex_numbers_measure_a_metric(extractor: Any, abstract: str, metric: str, measured: bool) -> None:
    assert (metric in _names(_extract(extractor, abstract), "metrics")) is measured


@pytest.mark.parametrize(
    ("abstract", "task"),
    [
        ("We study venue name disambiguation in large citation graphs.", "venue name disambiguation"),
        ("The protocol targets qubit leakage characterization on superconducting devices.", "qubit leakage characterization"),
    ],
)
def test_disambiguation_and_characterization_head_tasks(extractor: Any, abstract: str, task: str) -> None:
    assert task in _names(_extract(extractor, abstract), "tasks")


@pytest.mark.parametrize(
    ("title", "abstract", "used", "own"),
    [
        (
            TITLE,
            "Here we develop SkyBlend, a blending scheme that combines nowcasts from the Short-Term Radar Ensemble System (STRES).",
            "STRES",
            "SkyBlend",
        ),
        (TITLE, "We present EmuCal, an emulator built using eigenvector continuation (EC) for observables.", "EC", "EmuCal"),
        (
            "Fast Dose Calculation for Proton Therapy Against TOPASX",
            "We present ProtoRush, a GPU dose engine validated against TOPASX.",
            "TOPASX",
            "ProtoRush",
        ),
    ],
)
def test_a_name_the_proposal_sentence_uses_is_not_proposed(
    extractor: Any, title: str, abstract: str, used: str, own: str
) -> None:
    record = _extract(extractor, abstract, title=title)
    assert _proposed(record, own) is True
    assert _proposed(record, used) is not True


@pytest.mark.parametrize(
    ("abstract", "dataset"),
    [
        ("The diarizer obtains 19.8% on DIHARDX full and 8.7% on VoxConvo, improving over the baseline.", "VoxConvo"),
        ("It reaches 0.91 on the Kestrel-Wave test set and 0.88 on VelaSpeech.", "Kestrel-Wave"),
    ],
)
def test_the_name_a_figure_is_reported_on_is_a_dataset(extractor: Any, abstract: str, dataset: str) -> None:
    assert dataset in _names(_extract(extractor, abstract), "datasets")


def test_a_model_a_figure_is_reported_on_stays_a_method(extractor: Any) -> None:
    record = _extract(extractor, "The speedup is 3.1x on Llama-2 and 2.0x on Mistral.")
    assert "Mistral" in _names(record, "methods") and "Mistral" not in _names(record, "datasets")


@pytest.mark.parametrize(
    ("abstract", "quantity", "reported"),
    [
        # A result verb, a determiner, the quantity, "of" and an amount.
        ("The planner achieves a mean path deviation of 0.42 m on the course.", "mean path deviation", True),
        ("Our crawler has a page coverage of 97.1\\% across sites.", "page coverage", True),
        ("The cell reached a measured charge retention of 91% after 500 cycles.", "charge retention", True),
        # A method noun that is also measured.
        ("Fabricated rings show an insertion loss of 1.9 dB per channel.", "insertion loss", True),
        # The setting, not a result: no result verb before it.
        ("We recruited a cohort of 300 patients with a budget of 10 visits.", "cohort", False),
        ("Participants walked with a step length of 0.7 m.", "step length", False),
    ],
)
def test_a_value_reported_by_a_result_verb_is_a_metric(extractor: Any, abstract: str, quantity: str, reported: bool) -> None:
    assert (quantity in _names(_extract(extractor, abstract), "metrics")) is reported


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Univariate methods such as empirical rank mapping and quantile shift mapping (QSM) keep trends.", "QSM"),
        ("It comes within 1.6x of minimum-cost flow matching (MCFM) as implemented in FlowLib.", "MCFM"),
    ],
)
def test_a_task_shaped_definition_used_as_a_technique_is_a_method(extractor: Any, abstract: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods") and name not in _names(record, "tasks")


def test_the_method_a_proposal_extends_is_not_proposed(extractor: Any) -> None:
    abstract = (
        "Methods such as quantile shift mapping (QSM) keep trends. "
        "In this paper a multivariate extension of QSM, referred to as MQSM-T, is proposed."
    )
    record = _extract(extractor, abstract)
    assert _proposed(record, "MQSM-T") is True and _proposed(record, "QSM") is False


def test_what_a_title_goes_beyond_is_not_its_task(extractor: Any) -> None:
    record = _extract(extractor, "We fuse spectrum and mutation signals.", title="Beyond Defect Ranking: Fusing Signals for Method-Level Fault Localization")
    assert "Defect Ranking" not in _names(record, "tasks")
    assert "Method-Level Fault Localization" in _names(record, "tasks")


@pytest.mark.parametrize(
    ("abstract", "names"),
    [
        ("We use the catalogue to assess two waveform models, TEOBResumQ and SEOBNRv7X.", {"TEOBResumQ", "SEOBNRv7X"}),
        ("We compare against three baselines: DeepFLX, GraceNet and TraPT.", {"DeepFLX", "GraceNet", "TraPT"}),
    ],
)
def test_names_listed_after_a_kind_and_a_colon_or_comma_are_existing_methods(
    extractor: Any, abstract: str, names: set[str]
) -> None:
    record = _extract(extractor, "We propose WaveKit, a new pipeline. " + abstract)
    assert names <= _names(record, "methods")
    assert all(_proposed(record, name) is False for name in names)


@pytest.mark.parametrize(
    ("abstract", "name", "text"),
    [
        ("The detector reaches an $F_1$ score of 0.79 on held-out apps.", "F1", "$F_1$ score"),
        ("Scores agree with ratings (Spearman's $\\rho$ = 0.81).", "Spearman correlation", "Spearman's $\\rho$"),
        ("Rankings are stable, with Kendall's $\\tau$ above 0.7.", "Kendall's tau", "Kendall's $\\tau$"),
        ("The clustering has a B$^3$ $F_1$ of 0.957.", "B-cubed F1", "B$^3$ $F_1$"),
        ("The fit explains most variance ($R^2$ of 0.91).", "R²", "$R^2$"),
        ("Predictions track the truth with a relative $L_2$ error of 0.012.", "relative L2 error", "relative $L_2$ error"),
        ("Rankings agree (Spearman $\\rho$ = 0.74).", "Spearman correlation", "Spearman $\\rho$"),
    ],
)
def test_metrics_written_in_latex_math_are_found_with_their_latex_text(
    extractor: Any, abstract: str, name: str, text: str
) -> None:
    """arXiv abstracts keep their math as written, so the mention is the LaTeX itself."""
    metric = next(m for m in _extract(extractor, abstract)["metrics"] if m["name"] == name)
    assert [mention["text"] for mention in metric["mentions"]] == [text]
    assert abstract[metric["mentions"][0]["start"] : metric["mentions"][0]["end"]] == text


@pytest.mark.parametrize(
    ("abstract", "name", "headed"),
    [
        ("Couplings are fitted to the Granada database of scattering data.", "Granada", "Granada database"),
        ("Runs on the BBOB test suite show the gain.", "BBOB", "BBOB test suite"),
        ("Models are tested on the Vexon benchmark.", "Vexon", "Vexon benchmark"),
    ],
)
def test_a_datasets_name_with_its_kind_noun_is_an_alias(extractor: Any, abstract: str, name: str, headed: str) -> None:
    (dataset,) = [d for d in _extract(extractor, abstract)["datasets"] if d["name"] == name]
    assert headed in dataset["aliases"]
    assert [m["text"] for m in dataset["mentions"]] == [name]


def test_a_methods_name_with_its_kind_noun_is_an_alias(extractor: Any) -> None:
    record = _extract(extractor, "Risk is estimated with Cox proportional hazards models and the QRISK3 algorithm.")
    aliases = {m["name"]: m["aliases"] for m in record["methods"]}
    assert "Cox proportional hazards models" in aliases["Cox proportional hazards"]
    assert "QRISK3 algorithm" in aliases["QRISK3"]



@pytest.mark.parametrize(
    ("title", "abstract", "method"),
    [
        (
            "Who Wrote the Pamphlets? Attribution with the Grand Imposter Method",
            "Attribution is cast as verification and solved with the Grand Imposter method (GIM) over word features.",
            "GIM",
        ),
        (
            "Fuel-Optimal Descent Guidance",
            "We formulate the problem with corridor constraints and solve it with sequential convexation (SQCV), which linearises the dynamics.",
            "SQCV",
        ),
        (
            "Disruption Warnings for Tokamaks",
            "We train a temporal network. For comparison, the Disruption Forecast with Random Trees (DFRT) model reaches 0.92.",
            "DFRT",
        ),
    ],
)
def test_an_acronym_defined_where_the_work_uses_it_is_not_proposed(extractor: Any, title: str, abstract: str, method: str) -> None:
    """Judged where the acronym is defined ("solved with the X (Y)"), and in the title by its cue ("with the X")."""
    assert _proposed(_extract(extractor, abstract, title=title), method) is False


def test_an_information_facility_defined_as_an_acronym_is_not_a_method(extractor: Any) -> None:
    record = _extract(extractor, "The images are deposited in the Global Insect Information Facility (GIIF).")
    assert "GIIF" not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "dataset"),
    [
        ("We train on 14,000 upcalls from the ZQDLE 2013 dataset.", "ZQDLE 2013"),
        ("Samples come from the VORLAS 2018 survey of topsoils.", "VORLAS 2018"),
        ("On KTrackments 2009 and KTrackments 2017, our tracer improves AUC.", "KTrackments 2009"),
    ],
)
def test_a_name_with_an_edition_year_is_a_dataset(extractor: Any, abstract: str, dataset: str) -> None:
    record = _extract(extractor, abstract)
    assert dataset in _names(record, "datasets")
    assert not {dataset, dataset.split()[0]} & _names(record, "methods")


def test_a_geometric_mean_qualifies_a_metric(extractor: Any) -> None:
    (speedup,) = [m for m in _extract(extractor, "It reaches a geometric mean speedup of 1.21x over O3.")["metrics"] if m["name"] == "speedup"]
    assert speedup["aliases"] == ["geometric mean speedup"]


@pytest.mark.parametrize(
    ("title", "absent", "present"),
    [
        ("Blind Estimation of Reverberation Time from Speech", "Blind Estimation", None),
        ("Digital Mapping of Peat Carbon Stocks with Radar Composites", "Digital Mapping", None),
        ("Small-Area Estimation of Obesity Prevalence for Counties", None, "Small-Area Estimation"),
    ],
)
def test_a_title_saying_how_before_of_names_no_task(
    extractor: Any, title: str, absent: Optional[str], present: Optional[str]
) -> None:
    tasks = _names(_extract(extractor, "We study this.", title=title), "tasks")
    assert absent is None or absent not in tasks
    assert present is None or present in tasks


@pytest.mark.parametrize(
    ("abstract", "field", "name"),
    [
        ("Settlement was forecast with Kurosawa's observational method.", "methods", "Kurosawa's observational method"),
        ("The controller builds on Vellemar' fundamental lemma.", "methods", "Vellemar' fundamental lemma"),
        ("Maps agree with field data (Linwood's concordance correlation coefficient of 0.82).", "metrics", "Linwood's concordance correlation coefficient"),
        ("Annotators agree well, with Fleiss' kappa of 0.71.", "metrics", "Fleiss' kappa"),
    ],
)
def test_a_possessive_eponym_and_a_head_is_a_named_method_or_metric(extractor: Any, abstract: str, field: str, name: str) -> None:
    record = _extract(extractor, abstract)
    assert name in _names(record, field)
    assert field != "methods" or _proposed(record, name) is False


def test_a_possessive_of_a_company_and_model_is_no_method(extractor: Any) -> None:
    assert not _names(_extract(extractor, "We query Zorblax's model for each image."), "methods")


@pytest.mark.parametrize(
    ("abstract", "package"),
    [
        ("The model is fitted with the R package saezorb and mapped.", "saezorb"),
        ("Items were scaled with the mirtzl R package.", "mirtzl"),
        ("Fits used the Python package quadrix.", "quadrix"),
    ],
)
def test_a_package_named_with_its_language_is_an_existing_method(extractor: Any, abstract: str, package: str) -> None:
    record = _extract(extractor, abstract)
    assert _proposed(record, package) is False
    assert "R" not in _names(record, "methods")


def test_the_papers_own_package_described_by_its_language_is_not_a_package_name(extractor: Any) -> None:
    record = _extract(extractor, "We present cellzorb, a Python package built on scanpy.")
    assert "built" not in _names(record, "methods")


def test_the_word_after_we_is_a_verb_not_part_of_a_task(extractor: Any) -> None:
    tasks = _names(_extract(extractor, "We frame leak localisation as node ranking over the pipe graph."), "tasks")
    assert "frame leak localisation" not in tasks


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Labels are aggregated with the Dawid--Skene model.", "Dawid--Skene model"),
        ("County estimates come from a Fay–Herriot model.", "Fay–Herriot model"),
        ("Survival is summarised by Kaplan--Meier curves.", "Kaplan-Meier"),
    ],
)
def test_eponym_pairs_set_with_latex_dashes_are_methods(extractor: Any, abstract: str, name: str) -> None:
    """LaTeX joins two surnames with an en dash, written "--" in arXiv and BibTeX sources."""
    record = _extract(extractor, abstract)
    assert name in _names(record, "methods") and _proposed(record, name) is False


@pytest.mark.parametrize("verb", ["developed", "designed", "built"])
def test_a_name_the_paper_says_it_developed_is_proposed(extractor: Any, verb: str) -> None:
    abstract = f"Reference bias distorts estimates. We {verb} ZorbMap, a read mapper that models damage. ZorbMap is fast."
    assert _proposed(_extract(extractor, abstract), "ZorbMap") is True


@pytest.mark.parametrize(
    ("abstract", "dataset"),
    [
        ("We train on 2019 apps with labels from VirusZorb and test monthly.", "VirusZorb"),
        ("A risk score used summary statistics from the CARDIoZorbC4D consortium.", "CARDIoZorbC4D"),
        ("Flows come from the ZEHD Origin-Destination Employment Statistics (ZODES).", "ZODES"),
        ("Training adds measured responses from BUT ZorbDB and the ACE corpus.", "BUT ZorbDB"),
    ],
)
def test_data_named_as_the_source_of_items_is_a_dataset(extractor: Any, abstract: str, dataset: str) -> None:
    record = _extract(extractor, abstract)
    assert dataset in _names(record, "datasets")
    assert dataset not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("Decay rates correlate with expert ratings (Spearman $\\rho = 0.62$).", "Spearman correlation"),
        ("The classifier reaches $F_1 = 0.81$ on held-out apps.", "F1"),
    ],
)
def test_a_metric_whose_math_carries_its_value_is_found(extractor: Any, abstract: str, name: str) -> None:
    """"$\\rho = 0.62$": the math span holds the value too, so the name ends inside it."""
    assert name in _names(_extract(extractor, abstract), "metrics")


@pytest.mark.parametrize(
    ("abstract", "name", "found"),
    [
        ("Decapsulation relies on Montgomory multiplication for speed.", "Montgomory multiplication", True),
        ("Formants were normalised with the Lobanovich method before pooling.", "Lobanovich method", True),
        ("Our method is fast. We report results on the Chinese test set.", "Chinese test", False),
        ("We run the SERENEX algorithm on every maze.", "SERENEX algorithm", False),
    ],
)
def test_a_surname_before_a_method_noun_is_an_existing_method(extractor: Any, abstract: str, name: str, found: bool) -> None:
    """"Montgomery multiplication", "the Lobanov method": a capitalised word (not a coined name,
    not a language or a sentence start) before a method noun is named after someone."""
    record = _extract(extractor, abstract)
    assert (name in {method["name"] for method in record["methods"]}) is found
    assert not found or _proposed(record, name) is False


def test_a_capitalised_word_starting_with_a_proposal_verb_is_no_proposal_cue(extractor: Any) -> None:
    """"We benchmark it on ... the Zorb Building Testing Framework (ZBTF)": "Building" is not "build"."""
    abstract = "We benchmark it on three cases of the Zorb Building Testing Framework (ZBTF), which emulates rooms."
    assert _proposed(_extract(extractor, abstract), "ZBTF") is False


def test_what_a_title_says_it_is_evaluated_with_is_not_its_method(extractor: Any) -> None:
    title = "A Causal Dual-Path Network Evaluated with HASQI and Listeners with Hearing Loss"
    assert not [name for name in _names(_extract(extractor, "We test it.", title=title), "methods") if "Hearing Loss" in name]


def test_a_title_study_on_a_name_uses_it(extractor: Any) -> None:
    record = _extract(extractor, "We run it on three test cases of the Zorb Optimization Testing Framework (ZORBTEST).", title="A Benchmark Study on ZORBTEST")
    assert _proposed(record, "ZORBTEST") is False


def test_autotuning_is_a_task_head(extractor: Any) -> None:
    tasks = _names(_extract(extractor, "We rank pass sequences.", title="PassZorb: Learned Ranking for Sample-Efficient Compiler Autotuning"), "tasks")
    assert "Compiler Autotuning" in tasks


@pytest.mark.parametrize(
    ("abstract", "dataset"),
    [
        ("Graphs come from the ZNAP collection and a web crawl.", "ZNAP"),
        ("Topsoil samples are taken from the ZUCAS survey of farmland.", "ZUCAS"),
    ],
)
def test_a_name_before_collection_or_survey_is_a_dataset(extractor: Any, abstract: str, dataset: str) -> None:
    assert dataset in _names(_extract(extractor, abstract), "datasets")


def test_a_product_word_after_a_known_tool_names_its_own_product(extractor: Any) -> None:
    record = _extract(extractor, "Benchmarks run with Qiskit Experiments and models are solved with the Gurobi Optimizer.")
    names = {m["name"] for m in record["methods"]}
    assert {"Qiskit Experiments", "Gurobi Optimizer"} <= names and "Qiskit" not in names


@pytest.mark.parametrize(
    "abstract",
    [
        "We present ZECCO-48, a catalogue of 48 eccentric binary black hole simulations.",
        "We release ZORBAT, an atlas of cortical parcellations for 900 subjects.",
    ],
)
def test_a_name_introduced_as_a_catalogue_or_atlas_is_a_dataset(extractor: Any, abstract: str) -> None:
    record = _extract(extractor, abstract)
    name = abstract.split()[2].rstrip(",")
    assert name in _names(record, "datasets") and name not in _names(record, "methods")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("A Spalart--Allmaras-based detached-eddy simulation overestimates it.", "Spalart-Allmaras"),
        ("We compare with a CMA-ES-based search over layouts.", "CMA-ES"),
        ("Unlike non-BERT-based rankers, it reads whole documents.", "BERT"),
    ],
)
def test_a_hyphenated_known_name_before_based_is_found(extractor: Any, abstract: str, name: str) -> None:
    assert name in _names(_extract(extractor, abstract), "methods")
