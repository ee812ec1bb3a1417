package dev.workbench.local.cloudwatch;

/** Receives the actions of alarms in a state that has actions (for example an Auto Scaling policy ARN). */
@FunctionalInterface
public interface AlarmActionListener {

    /**
     * @param actionArn   the action as configured on the alarm
     * @param alarmName   the alarm that fired
     * @param metricValue the statistic of the most recent evaluated period
     * @param threshold   the alarm's threshold
     */
    void fire(String actionArn, String alarmName, double metricValue, double threshold);
}
