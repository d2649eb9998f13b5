#include "dialogs/run_list_dialog.h"

#include <QVBoxLayout>

#include "panels/setting_controls.h"
#include "session/run_caption.h"

namespace bnlab {

namespace {
QString str(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
constexpr double kDropoutUnset = -0.05;  // the dropout box's lowest value: "the experiment's"
}  // namespace

RunListDialog::RunListDialog(const std::vector<RunSpec>& runs, QWidget* parent)
    : QDialog(parent),
      table_(new QWidget),
      add_(new QPushButton(tr("Add run"))),
      kinds_(new QLabel),
      problems_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
  setWindowTitle(tr("Runs"));
  auto* intro =
      new QLabel(tr("Runs trained side by side, from the same initial weights; runs with "
                    "the same batch size see the same mini-batches. Empty fields take "
                    "the experiment's settings."));
  intro->setWordWrap(true);
  kinds_->setWordWrap(true);
  kinds_->setTextFormat(Qt::RichText);
  problems_->setWordWrap(true);
  problems_->setStyleSheet(QStringLiteral("color: #b3261e;"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(table_);
  layout->addWidget(add_, 0, Qt::AlignLeft);
  layout->addWidget(kinds_);
  layout->addWidget(problems_);
  layout->addWidget(buttons_);
  connect(add_, &QPushButton::clicked, this, &RunListDialog::addRun);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  showRuns(runs.empty() ? std::vector<RunSpec>{RunSpec{}} : runs);
}

std::vector<RunSpec> RunListDialog::runs() const {
  std::vector<RunSpec> specs;
  for (const Row& row : rows_) {
    RunSpec spec;
    spec.name = row.name->text().trimmed().toStdString();
    spec.normalization =
        normalizationFromKey(row.normalization->currentData().toString().toStdString())
            .value_or(Normalization::None);
    if (row.batchSize->value() > 0) spec.batchSize = row.batchSize->value();
    if (row.dropout->value() > kDropoutUnset) spec.dropout = row.dropout->value();
    specs.push_back(spec);
  }
  return specs;
}

void RunListDialog::addRun() {
  std::vector<RunSpec> specs = runs();
  if (int(specs.size()) >= kMaxRuns) return;
  specs.emplace_back();
  showRuns(specs);
}

void RunListDialog::removeRun(int row) {
  std::vector<RunSpec> specs = runs();
  if (specs.size() <= 1 || row < 0 || row >= int(specs.size())) return;
  specs.erase(specs.begin() + row);
  showRuns(specs);
}

void RunListDialog::showRuns(const std::vector<RunSpec>& runs) {
  // The old rows go later: a row's Remove button may be the one whose click is running.
  delete grid_;
  for (QWidget* child : table_->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
    child->hide();
    child->setParent(nullptr);
    child->deleteLater();
  }
  rows_.clear();
  grid_ = new QGridLayout(table_);
  grid_->setContentsMargins(0, 0, 0, 0);
  const QStringList headers{tr("Name"), tr("Normalization"), tr("Batch size"), tr("Dropout")};
  for (int column = 0; column < headers.size(); ++column)
    grid_->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(headers[column]), table_), 0,
                     column);
  const Setting& batch = settingRow("training.batchSize");
  const Setting& dropout = settingRow("network.dropout");
  for (const RunSpec& spec : runs) {
    Row row{new QLineEdit(QString::fromStdString(spec.name), table_), new QComboBox(table_),
            new QSpinBox(table_), new QDoubleSpinBox(table_),
            new QPushButton(tr("Remove"), table_)};
    for (const NormalizationInfo& n : normalizations()) {
      row.normalization->addItem(str(n.label), str(n.key));
      row.normalization->setItemData(row.normalization->count() - 1, str(n.description),
                                     Qt::ToolTipRole);
    }
    row.normalization->setCurrentIndex(
        row.normalization->findData(str(normalizationInfo(spec.normalization).key)));
    row.batchSize->setRange(0, int(batch.range.max));
    row.batchSize->setSpecialValueText(tr("experiment's"));
    row.batchSize->setValue(spec.batchSize.value_or(0));
    row.batchSize->setToolTip(settingToolTip(batch));
    row.dropout->setDecimals(3);
    row.dropout->setSingleStep(0.05);
    row.dropout->setRange(kDropoutUnset, dropout.range.max);
    row.dropout->setSpecialValueText(tr("experiment's"));
    row.dropout->setValue(spec.dropout.value_or(kDropoutUnset));
    row.dropout->setToolTip(settingToolTip(dropout));
    // Wide enough for "experiment's" and a name such as "batch norm · batch 512".
    const int spinWidth = fontMetrics().horizontalAdvance(tr("experiment's")) + 40;
    row.batchSize->setMinimumWidth(spinWidth);
    row.dropout->setMinimumWidth(spinWidth);
    row.name->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("batch norm · batch 512 ·")));
    const int line = int(rows_.size()) + 1;
    grid_->addWidget(row.name, line, 0);
    grid_->addWidget(row.normalization, line, 1);
    grid_->addWidget(row.batchSize, line, 2);
    grid_->addWidget(row.dropout, line, 3);
    grid_->addWidget(row.remove, line, 4);
    connect(row.name, &QLineEdit::textChanged, this, &RunListDialog::check);
    connect(row.normalization, &QComboBox::currentIndexChanged, this, &RunListDialog::check);
    connect(row.batchSize, &QSpinBox::valueChanged, this, &RunListDialog::check);
    connect(row.dropout, &QDoubleSpinBox::valueChanged, this, &RunListDialog::check);
    connect(row.remove, &QPushButton::clicked, this,
            [this, index = line - 1] { removeRun(index); });
    rows_.push_back(row);
  }
  check();
}

void RunListDialog::check() {
  const std::vector<RunSpec> specs = runs();
  // A name left empty shows the one made from the rest.
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    RunSpec unnamed = specs[i];
    unnamed.name.clear();
    rows_[i].name->setPlaceholderText(QString::fromStdString(runLabel(unnamed)));
    rows_[i].remove->setEnabled(rows_.size() > 1);
  }
  add_->setEnabled(int(rows_.size()) < kMaxRuns);
  kinds_->setText(normalizationLines(specs, true).join(QStringLiteral("<br>")));
  QStringList problems;
  for (const std::string& problem : validateRuns(specs))
    problems << QString::fromStdString(problem);
  problems_->setText(problems.join(QLatin1Char('\n')));
  problems_->setVisible(!problems.isEmpty());
  okButton()->setEnabled(problems.isEmpty());
}

}  // namespace bnlab
